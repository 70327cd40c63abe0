"""The whole demo district (every module's year and live matters, loaded as `fazhi demo` loads
it, mostly through the bulk loader): a raw dump holds **0 plaintext ID numbers**, while the
demo has thousands of people with ID numbers, every one stored as a ciphertext. SQLite: the
database file's bytes and its WAL; PostgreSQL: every row of every table as text."""

from __future__ import annotations

import pytest
from django.apps import apps

from fazhi.core import cryptofield

from .test_personal_data_at_rest import scan_ids

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_the_demo_database_holds_no_plaintext_id_number():
    stored = 0
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, cryptofield.DigestField) and "id_number" in f.source:
                stored += model._base_manager.exclude(**{f.name: ""}).count()
    assert stored > 1000  # the demo's people with ID numbers, as ciphertexts
    assert scan_ids() == set()

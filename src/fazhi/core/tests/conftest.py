import pytest

from .factories import District


@pytest.fixture
def district(db):
    return District()

import pytest

from fazhi.core.tests.factories import District


@pytest.fixture
def district(db):
    return District()

import pytest


@pytest.fixture
def district(db):
    from .factories import District

    return District()

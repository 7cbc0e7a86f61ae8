import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Problems and summaries in English, so tests can read them."""
    with translation.override("en"):
        yield

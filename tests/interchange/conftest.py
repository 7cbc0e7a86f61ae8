import json

import pytest
from django.utils import translation

from tests.conftest import require_service

from .bundles import SAMPLE_BUNDLE


@pytest.fixture
def english():
    """Problems and summaries in English, so tests can read them."""
    with translation.override("en"):
        yield


@pytest.fixture
def sample_bundle():
    require_service(SAMPLE_BUNDLE.exists(), f"the shared sample bundle is not at {SAMPLE_BUNDLE}")
    return json.loads(SAMPLE_BUNDLE.read_text(encoding="utf-8"))

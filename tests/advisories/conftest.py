import pytest
from django.utils import timezone

from advisories.models import AdvisoryIndexPage
from tests.factories import index_of


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def index_zh(db):
    return index_of(AdvisoryIndexPage, "zh-hans")


@pytest.fixture
def index_en(db):
    return index_of(AdvisoryIndexPage, "en")

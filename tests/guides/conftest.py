from datetime import date

import pytest

from guides.models import GuideIndexPage

# The guides' clock in these tests: review dates and the stale notice are
# computed against it, not against the day the suite runs.
FIXED_TODAY = date(2026, 11, 15)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("guides.freshness.today", lambda: FIXED_TODAY)
    return FIXED_TODAY


@pytest.fixture
def zh_index(zh):
    return GuideIndexPage.objects.get(locale=zh)


@pytest.fixture
def en_index(en):
    return GuideIndexPage.objects.get(locale=en)

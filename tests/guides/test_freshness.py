"""The twelve-month stale notice, with the clock fixed (conftest.fixed_today)."""

from datetime import date

import pytest

from guides.freshness import add_months, is_stale, stale_since
from tests.factories import CountryGuidePageFactory, english_of


def test_add_months_keeps_the_day_or_falls_back_to_the_months_last_day():
    assert add_months(date(2025, 6, 15), 12) == date(2026, 6, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_stale_from_the_anniversary_of_the_review_and_not_before():
    reviewed = date(2025, 6, 15)
    assert stale_since(reviewed) == date(2026, 6, 15)
    assert not is_stale(reviewed, on=date(2026, 6, 14))
    assert is_stale(reviewed, on=date(2026, 6, 15))
    assert is_stale(reviewed, on=date(2027, 1, 1))
    assert not is_stale(reviewed, on=reviewed)


NOTICE = "This guide may be out of date."


@pytest.mark.django_db
@pytest.mark.parametrize(("reviewed", "shown"), [(date(2025, 11, 16), False), (date(2025, 11, 15), True)])
def test_the_guide_page_shows_the_notice_at_twelve_months(client, fixed_today, reviewed, shown):
    assert fixed_today == date(2026, 11, 15)
    page = CountryGuidePageFactory(country="KH", english=True, reviewed=reviewed)
    english = english_of(page)
    html = client.get(english.url).content.decode()
    assert (NOTICE in html) is shown
    zh = client.get(page.url).content.decode()
    assert ("本指南可能已经过时。" in zh) is shown
    if shown:
        assert 'class="notice notice--warning stale-notice" role="note"' in html
        assert "It was last reviewed on Nov. 15, 2025" in html


@pytest.mark.django_db
def test_the_notice_follows_the_clock(client, monkeypatch):
    english = english_of(CountryGuidePageFactory(country="KH", english=True, reviewed=date(2026, 1, 10)))
    assert NOTICE not in client.get(english.url).content.decode()
    monkeypatch.setattr("guides.freshness.today", lambda: date(2027, 1, 10))
    assert NOTICE in client.get(english.url).content.decode()

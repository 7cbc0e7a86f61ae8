"""A country guide's hub listings (current advisories, upcoming events and
service providers of its country) are built and rendered once per process,
language and country and kept until an item listed there changes
(core.related.country_hub_html, edge.chrome.until_hub_changes): never stale
after a publish, never one language's in another's, never older than
COUNTRY_HUB_SECONDS.

Each test renders the guide first, so the hub is memoised, then changes what
it lists the way an editor does and renders again.
"""

import pytest

from edge import chrome
from tests.factories import AdvisoryPageFactory, CountryGuidePageFactory, EventPageFactory, add_english, english_of
from tests.pages import html

pytestmark = pytest.mark.django_db


def test_the_hub_follows_a_new_advisory_and_a_republished_event(client):
    """Without the hub's tags among the memo's tags, the second rendering would
    still show the first: no new advisory, the event's old title."""
    guide = CountryGuidePageFactory(country="KH")
    event = EventPageFactory(title="柬埔寨投资说明会", countries=["KH"])
    before = html(client, guide.url)
    assert "柬埔寨投资说明会" in before

    AdvisoryPageFactory(title="柬埔寨劳工新规", countries=["KH"])
    event.title = "柬埔寨投资说明会（改期）"
    event.save_revision().publish()
    after = html(client, guide.url)
    assert "柬埔寨劳工新规" in after
    assert "柬埔寨投资说明会（改期）" in after


def test_the_hub_is_built_once_and_kept_across_another_countrys_publish(client, memo_builds):
    """A second rendering builds no hub, nor does one after a Thai advisory is
    published (the memo is kept per country): the mechanism is in use."""
    guide = CountryGuidePageFactory(country="KH")
    html(client, guide.url)
    memo_builds.clear()
    html(client, guide.url)
    AdvisoryPageFactory(title="泰国外汇提示", countries=["TH"])
    assert "泰国外汇提示" not in html(client, guide.url)
    assert [key for key in memo_builds if key[0] == "country hub html"] == []


def test_each_language_keeps_its_own_hub(client):
    """The memo's key holds the locale and its tags the language's: kept per
    country alone (neither), the English guide would show the Chinese
    listings built first."""
    guide = CountryGuidePageFactory(country="KH", english=True)
    advisory = AdvisoryPageFactory(title="柬埔寨安全提示", countries=["KH"])
    add_english(advisory, title="Cambodia safety notice")
    zh_html = html(client, guide.url)
    en_html = html(client, english_of(guide).url)
    assert "柬埔寨安全提示" in zh_html and "Cambodia safety notice" not in zh_html
    assert "Cambodia safety notice" in en_html and "柬埔寨安全提示" not in en_html
    assert "Current advisories" in en_html


def test_the_hub_is_rebuilt_when_its_time_is_up(client, monkeypatch, memo_builds):
    """An event that has started leaves the hub with no publish: without the
    memo's maximum age the hub would not be rebuilt here, and would list the
    event until the next publish."""
    guide = CountryGuidePageFactory(country="KH")
    EventPageFactory(title="柬埔寨投资说明会", countries=["KH"])
    html(client, guide.url)
    memo_builds.clear()
    html(client, guide.url)
    assert [key for key in memo_builds if key[0] == "country hub html"] == []
    later = chrome.monotonic() + chrome.COUNTRY_HUB_SECONDS + 1
    monkeypatch.setattr(chrome, "monotonic", lambda: later)
    html(client, guide.url)
    assert [key for key in memo_builds if key[0] == "country hub html"] == [("country hub html", guide.locale_id, "KH")]

"""The directory page's per-process memos (edge/chrome.py): its filters'
choices (directory.views.filter_choices, per language until an entry shown in
that language changes), which entries a page of results lists and how many
match (directory.views._page_of_results, per page and valid filters, the
same), each entry's item in the list (directory.views._cards,
the same, and until the day changes) and its translations' addresses for the
language switcher (DirectoryPage.language_urls, until a page in any language
changes).

Each test renders the page first, so the memos are filled, then changes what
they depend on the way an editor does and renders again.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory import views
from directory.models import EntryStatus
from tests.directory.test_listing import listed_names
from tests.factories import DirectoryEntryFactory
from tests.pages import html

pytestmark = pytest.mark.django_db


def test_the_filters_follow_an_entry_listed_and_withdrawn(client, directory_zh):
    """Without the directory's area tag among the memo's tags, the second
    rendering would offer no Thailand, the third still offer it."""
    DirectoryEntryFactory(country="KH")
    assert 'value="TH"' not in html(client, directory_zh.url)

    thai = DirectoryEntryFactory(country="TH", name="曼谷律师")
    assert 'value="TH"' in html(client, directory_zh.url)

    thai.status = EntryStatus.WITHDRAWN
    thai.save()
    assert 'value="TH"' not in html(client, directory_zh.url)


def test_each_language_keeps_its_own_filters(client, directory_zh, directory_en):
    """The memo's key holds the locale, its tags the language's: kept for the
    directory alone (neither), the English page would offer the Chinese
    entries' countries under their Chinese names."""
    DirectoryEntryFactory(country="KH")
    DirectoryEntryFactory(language="en", country="AE", name="Dubai Law", city="Dubai")
    zh_html = html(client, directory_zh.url)
    en_html = html(client, directory_en.url)
    assert '<option value="KH">柬埔寨</option>' in zh_html and 'value="AE"' not in zh_html
    assert '<option value="AE">United Arab Emirates</option>' in en_html and 'value="KH"' not in en_html


def test_the_language_switcher_follows_the_translation_unpublished_and_published_again(
    client, directory_zh, directory_en
):
    """Without the memo's `home:` tags of every language, the Chinese page
    would still lead to the unpublished English directory, then not back to
    it once it is published again."""
    assert "?untranslated=1" not in html(client, directory_zh.url)

    directory_en.unpublish()
    assert "/en/?untranslated=1" in html(client, directory_zh.url)

    directory_en.save_revision().publish()
    assert "?untranslated=1" not in html(client, directory_zh.url)


def test_an_entry_follows_its_change(client, directory_zh):
    """Without the directory's area tag among an item's tags (an entry is no
    page: no page tag of its own), the second rendering would still show
    the entry's old name and kind."""
    entry = DirectoryEntryFactory(name="金边律师", kind="law-firm")
    DirectoryEntryFactory(name="柬税会计", kind="accounting")
    assert "金边律师" in html(client, directory_zh.url)

    entry.name = "金边律师事务所"
    entry.kind = "consultancy"
    entry.save()
    page = html(client, directory_zh.url)
    assert "金边律师事务所" in page and "柬税会计" in page
    assert f">{entry.kind_label}</span>" in page


def test_an_entry_grows_stale_the_day_after_a_year_unverified(client, directory_zh, monkeypatch):
    """Without the date the items depend on, the entry last verified a year
    ago today would not be marked stale tomorrow."""
    today = timezone.localdate()
    a_year_ago = today - timedelta(days=365)
    while DirectoryEntryFactory.build(verified_on=a_year_ago).verification_is_stale(today):
        a_year_ago += timedelta(days=1)  # the oldest date still fresh today (a leap year between)
    DirectoryEntryFactory(verified_on=a_year_ago)
    assert "verification--stale" not in html(client, directory_zh.url)

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert "verification--stale" in html(client, directory_zh.url)


def test_each_language_lists_its_own_entries(client, directory_zh, directory_en):
    """Items are kept per entry and language: the English directory shows
    the English entry, with English labels."""
    DirectoryEntryFactory(name="金边律师")
    DirectoryEntryFactory(language="en", name="Phnom Penh Law", city="Phnom Penh")
    zh_html = html(client, directory_zh.url)
    en_html = html(client, directory_en.url)
    assert "金边律师" in zh_html and "Phnom Penh Law" not in zh_html and "中心已于" in zh_html
    assert "Phnom Penh Law" in en_html and "金边律师" not in en_html and "Verified by the centre on" in en_html


def names(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return listed_names(response)


def test_the_page_of_results_follows_an_entry_listed_and_withdrawn(client, directory_zh):
    """Without the area's tag among the listing memo's tags, the page would
    keep the entries it read first: not the new one, and still the
    withdrawn one (a count of 2, then 1, would not follow either)."""
    DirectoryEntryFactory(name="甲律师", sort_name="a")
    assert names(client, directory_zh.url) == ["甲律师"]

    second = DirectoryEntryFactory(name="乙律师", sort_name="b")
    assert names(client, directory_zh.url) == ["甲律师", "乙律师"]
    assert "共2个机构" in html(client, directory_zh.url)

    second.status = EntryStatus.WITHDRAWN
    second.save()
    assert names(client, directory_zh.url) == ["甲律师"]
    assert "共1个机构" in html(client, directory_zh.url)


def test_each_filter_page_and_language_keeps_its_own_list(client, directory_zh, directory_en, monkeypatch):
    """The listing memo's key holds the directory page, the valid filters
    (the sort among them) and the page number: without any of them, a
    request would get the entries another one read first. A value that is
    not a choice is left out, so it lists what no filter lists."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    DirectoryEntryFactory(name="Alpha", sort_name="a", country="KH")
    DirectoryEntryFactory(name="Bravo", sort_name="b", country="VN")
    DirectoryEntryFactory(name="Charlie", sort_name="c", country="KH")
    DirectoryEntryFactory(language="en", name="Dubai Law", sort_name="dubai", country="AE", city="Dubai")
    assert names(client, directory_zh.url) == ["Alpha", "Bravo"]
    assert names(client, f"{directory_zh.url}?page=2") == ["Charlie"]
    assert names(client, f"{directory_zh.url}?country=KH") == ["Alpha", "Charlie"]
    assert names(client, f"{directory_zh.url}?country=ZZ") == ["Alpha", "Bravo"]
    assert names(client, directory_en.url) == ["Dubai Law"]
    assert names(client, directory_zh.url) == ["Alpha", "Bravo"]

"""The directory page's per-process memos (edge/chrome.py): its filters'
choices (directory.views.filter_choices, per language until an entry shown in
that language changes) and its translations' addresses for the language
switcher (DirectoryPage.language_urls, until a page in any language changes).

Each test renders the page first, so the memos are filled, then changes what
they depend on the way an editor does and renders again.
"""

import pytest

from directory.models import EntryStatus
from tests.factories import DirectoryEntryFactory

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


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

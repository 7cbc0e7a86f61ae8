"""The language switcher's addresses (edge.chrome.translation_urls): a
page's live translations, memoised per page and site until a version of the
page in any language changes or a page above it moves; never stale after a
publish, never one page's on another.

Each test renders the page first, so the memo is filled, then changes what
it depends on the way an editor does and renders again.
"""

import pytest

from advisories.models import AdvisoryIndexPage
from tests.factories import AdvisoryPageFactory, add_english, english_of, index_of
from tests.pages import html

pytestmark = pytest.mark.django_db


def test_the_switcher_follows_a_translation_published_and_unpublished(client):
    """Without the page's `page:` tags (of every language) among the memo's
    tags, the Chinese page would still send readers to the English home page
    after the translation is published, then to the unpublished translation."""
    advisory = AdvisoryPageFactory(title="柬埔寨税务提示", slug="kh-tax")
    assert 'href="/en/?untranslated=1"' in html(client, advisory.url)

    english = add_english(advisory, title="Cambodia tax notice")
    page = html(client, advisory.url)
    assert f'href="{english.url}"' in page and "?untranslated=1" not in page

    english.unpublish()
    assert 'href="/en/?untranslated=1"' in html(client, advisory.url)


def test_the_switcher_follows_a_renamed_parent_in_the_other_language(client):
    """Renaming the English advisories index moves its advisories' addresses
    and purges its language (`locale:en`): without that tag among the memo's
    tags, the Chinese advisory would still link the old English address."""
    advisory = AdvisoryPageFactory(title="柬埔寨税务提示", slug="kh-tax")
    english = add_english(advisory, title="Cambodia tax notice")
    assert f'href="{english.url}"' in html(client, advisory.url)

    index = index_of(AdvisoryIndexPage, "en")
    index.slug = "notices"
    index.save_revision().publish()
    assert 'href="/en/notices/kh-tax/"' in html(client, advisory.url)


def test_each_page_keeps_its_own_translations(client):
    """Kept per translation key: two advisories, each in both languages, each
    version linking its own counterpart."""
    first = AdvisoryPageFactory(title="柬埔寨税务提示", slug="kh-tax", english=True)
    second = AdvisoryPageFactory(title="泰国安全提醒", slug="th-security", english=True)
    for page in (first, second):
        assert f'href="{english_of(page).url}"' in html(client, page.url)
        assert f'href="{page.url}"' in html(client, english_of(page).url)

"""Fragments of public pages rendered once per publish ({% memoised_html %},
edge.chrome.memoised_fragment; the home page's listings, core.related.
home_sections_html): the footer and main menu of every page, a guide's
header, facts, changes and body, an advisory's and an event's body and
facts, the home page's first choices, featured guides and listings.

Each test renders a page first, so its fragments are memoised, then changes
what they show the way an editor does and renders again: a memo kept without
its tags' versions would serve the first rendering and fail every "after"
assertion; one keyed without the language would show one language's
fragment in the other's page.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from core.models import CentreDetails, FooterLink
from edge import chrome
from guides import freshness
from tests.factories import (
    AdvisoryPageFactory,
    CountryGuidePageFactory,
    EventPageFactory,
    english_of,
    register_verified,
    republish,
    sections_to_stream,
)
from tests.pages import html

pytestmark = pytest.mark.django_db


def fragments(built, name):
    return [key for key in built if key[0] == "fragment" and key[1] == name]


def test_the_footer_and_menu_are_rendered_once_per_language(client, zh, en, memo_builds):
    """A second rendering renders neither again (the mechanism is in use); the
    other language renders its own, with its own centre name."""
    html(client, "/zh-hans/")
    assert fragments(memo_builds, "footer") and fragments(memo_builds, "main menu")
    memo_builds.clear()
    html(client, "/zh-hans/")
    assert fragments(memo_builds, "footer") == fragments(memo_builds, "main menu") == []
    en_html = html(client, "/en/")
    assert [key[3] for key in fragments(memo_builds, "footer")] == ["en"]
    assert CentreDetails.objects.get(locale=en).name in en_html
    assert CentreDetails.objects.get(locale=zh).name not in en_html


def test_an_edited_footer_link_is_shown_at_once(client, zh):
    details = CentreDetails.objects.get(locale=zh)
    link = FooterLink.objects.create(details=details, label="旧的链接", url="https://example.cn/old")
    assert "旧的链接" in html(client, "/zh-hans/")
    link.label = "改过的链接"
    link.save()
    page = html(client, "/zh-hans/")
    assert "改过的链接" in page and "旧的链接" not in page


def test_the_menu_marks_the_section_of_each_page(client):
    """Kept per section: without it in the key, the advisory would be served
    the guide's menu, with the guides marked as current."""
    guide = CountryGuidePageFactory(country="KH")
    advisory = AdvisoryPageFactory()
    guide_html = html(client, guide.url)
    advisory_html = html(client, advisory.url)
    assert '<a href="/zh-hans/guides/" aria-current="page">' in guide_html
    assert '<a href="/zh-hans/advisories/" aria-current="page">' not in guide_html
    assert '<a href="/zh-hans/advisories/" aria-current="page">' in advisory_html
    assert '<a href="/zh-hans/guides/" aria-current="page">' not in advisory_html
    assert 'aria-current="page"' not in html(client, "/zh-hans/")


def test_a_republished_guide_shows_its_new_body_facts_and_change(client, memo_builds):
    guide = CountryGuidePageFactory(country="KH", currency="KHR")
    before = html(client, guide.url)
    assert "第1节的正文。" in before and "（KHR）" in before
    memo_builds.clear()
    html(client, guide.url)
    assert fragments(memo_builds, "guide body") == fragments(memo_builds, "guide aside") == []

    sections = [{"heading": "第1节", "body": "<p>修订后的正文。</p>"}]
    republish(guide, sections=sections_to_stream(sections), currency="USD")
    after = html(client, guide.url)
    assert "修订后的正文。" in after and "第1节的正文。" not in after
    assert "（USD）" in after.split('class="facts"')[1].split("</dl>")[0]
    assert "（USD）" in after.split('class="change-log"')[1].split("</section>")[0]
    # Replaced, not added to: were the page keyed by its revision, each publish would leave one behind.
    bodies = [key for key in chrome._memos if key[:2] == ("fragment", "guide body") and key[4] == ("page", guide.pk)]
    assert len(bodies) == 1


def test_each_language_keeps_its_own_guide(client):
    guide = CountryGuidePageFactory(country="KH", english=True)
    zh_html = html(client, guide.url)
    en_html = html(client, english_of(guide).url)
    assert "第1节的正文。" in zh_html and "Text of section 1." not in zh_html
    assert "Text of section 1." in en_html and "第1节的正文。" not in en_html
    assert "Key facts" in en_html and "Key facts" not in zh_html


def test_a_preview_is_never_memoised(client):
    """An editor's preview is the draft of the live page (same id, same live
    revision): without the preview check the public page memoised first would
    be shown in the preview, and a preview rendered first would be shown to
    the public."""
    guide = CountryGuidePageFactory(country="KH")
    html(client, guide.url)
    draft = guide.get_latest_revision_as_object()
    draft.sections = sections_to_stream([{"heading": "草稿", "body": "<p>尚未发布的草稿正文。</p>"}])
    preview = draft.make_preview_request().render().content.decode()
    assert "尚未发布的草稿正文。" in preview and "第1节的正文。" not in preview
    public = html(client, guide.url)
    assert "尚未发布的草稿正文。" not in public and "第1节的正文。" in public


def test_the_guide_header_follows_the_day(client, monkeypatch):
    """A guide turns stale at the anniversary of its review with no publish:
    without the day among what the header's memo depends on, the notice
    would not appear until the next publish."""
    guide = CountryGuidePageFactory(country="KH", reviewed=datetime.date(2026, 6, 1))
    monkeypatch.setattr(freshness, "today", lambda: datetime.date(2027, 5, 31))
    assert "stale-notice" not in html(client, guide.url)
    monkeypatch.setattr(freshness, "today", lambda: datetime.date(2027, 6, 1))
    assert "stale-notice" in html(client, guide.url)


def test_a_republished_advisory_shows_its_new_body(client):
    advisory = AdvisoryPageFactory(body_html="<p>第一版正文。</p>")
    assert "第一版正文。" in html(client, advisory.url)
    republish(advisory, body=[("rich_text", RichText("<p>第二版正文。</p>"))])
    after = html(client, advisory.url)
    assert "第二版正文。" in after and "第一版正文。" not in after


def test_an_advisory_page_follows_the_day(client, monkeypatch):
    """An advisory expires at midnight with no publish: without the day among
    what its page's memo depends on, it would not say so until the next publish."""
    today = timezone.localdate()
    advisory = AdvisoryPageFactory(expires=today)
    assert "notice--expired" not in html(client, advisory.url)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=1))
    assert "notice--expired" in html(client, advisory.url)


def test_an_event_page_keeps_its_facts_but_not_its_seats(client):
    """The venue and body are memoised until a publish; the seats left, which
    registrations change without one, are counted on every request."""
    event = EventPageFactory(capacity=20, venue="旧的会场")
    before = html(client, event.url)
    assert "旧的会场" in before and "剩余 20 个名额" in before
    register_verified(event)
    assert "剩余 19 个名额" in html(client, event.url)
    republish(event, venue="新的会场")
    after = html(client, event.url)
    assert "新的会场" in after and "旧的会场" not in after


def test_the_home_page_lists_a_new_advisory_at_once_in_its_language(client):
    html(client, "/zh-hans/")
    html(client, "/en/")
    AdvisoryPageFactory(title="新发布的风险提示")
    assert "新发布的风险提示" in html(client, "/zh-hans/")
    assert "新发布的风险提示" not in html(client, "/en/")


def test_the_home_pages_listings_are_rebuilt_when_their_time_is_up(client, monkeypatch, memo_builds):
    """An event that starts leaves "upcoming events" with no publish: without
    the memo's maximum age the listings would not be rebuilt here."""
    EventPageFactory(title="即将举行的培训")
    assert "即将举行的培训" in html(client, "/zh-hans/")
    memo_builds.clear()
    html(client, "/zh-hans/")
    assert [key for key in memo_builds if key[0] == "home sections html"] == []
    later = chrome.monotonic() + chrome.COUNTRY_HUB_SECONDS + 1
    monkeypatch.setattr(chrome, "monotonic", lambda: later)
    html(client, "/zh-hans/")
    assert [key[0] for key in memo_builds if key[0] == "home sections html"] == ["home sections html"]

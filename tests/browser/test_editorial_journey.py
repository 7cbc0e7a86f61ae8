"""Journey 3: an editor writes an advisory in Chinese in Wagtail's admin and
submits it; a reviewer approves it; a translator translates it into English
with wagtail-localize, and the reviewer publishes the translation: both
language versions are live. Staff use the admin in English; the content is
Chinese first."""

import re

import pytest
from wagtail.models import WorkflowState

from advisories.models import AdvisoryIndexPage, AdvisoryPage

pytestmark = pytest.mark.browser

SLUG = "cambodia-labour-law-2027"
ZH_TITLE = "柬埔寨劳动法修订提示"
ZH_SUMMARY = "柬埔寨修订了最低工资和加班规定，请企业及时调整劳动合同。"
EN_TITLE = "Cambodia amends its labour law"
EN_SUMMARY = "Cambodia has changed its minimum wage and overtime rules: update your employment contracts."


def sign_in(open_tab, username):
    tab = open_tab(locale="en-GB")
    tab.open("/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill("pw-for-tests-only")
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(r"/admin/$"))
    return tab


def footer_action(tab, name):
    """A page action from the editor's footer, opening "More actions" first when it is in there."""
    footer = tab.locator("footer")
    action = footer.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        footer.get_by_role("button", name="More actions").click()
    action.click()
    tab.wait_for_load_state()


def test_an_advisory_is_written_reviewed_translated_and_live_in_both_languages(
    open_tab, editor, reviewer, translator, zh, en
):
    index = AdvisoryIndexPage.objects.get(locale=zh)

    # The editor drafts the advisory in Chinese and submits it for review.
    desk = sign_in(open_tab, "editor")
    desk.open(f"/admin/pages/add/advisories/advisorypage/{index.pk}/")
    desk.locator("#id_title").fill(ZH_TITLE)
    desk.locator("#id_summary").fill(ZH_SUMMARY)
    desk.locator("#id_kind").select_option("legal")
    desk.locator("#id_severity").select_option("warning")
    desk.locator("#id_countries").select_option(["KH"])
    desk.get_by_role("tab", name="Promote").click()
    desk.locator("#id_slug").fill(SLUG)
    desk.get_by_role("tab", name="Content").click()
    desk.screenshots("admin-new-advisory")
    footer_action(desk, "Submit to Review before publishing")
    assert "submitted for moderation" in desk.locator(".messages").inner_text()

    advisory = AdvisoryPage.objects.get(locale=zh, slug=SLUG)
    assert not advisory.live
    state = WorkflowState.objects.get(object_id=str(advisory.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # Not public yet.
    visitor = open_tab()
    assert visitor.goto(f"/zh-hans/advisories/{SLUG}/").status == 404

    # The reviewer approves it: it is published.
    review = sign_in(open_tab, "reviewer")
    review.open(f"/admin/pages/{advisory.pk}/edit/")
    footer_action(review, "Approve and Publish")
    advisory.refresh_from_db()
    assert advisory.live

    # The translator asks for an English translation and translates each segment.
    translation_desk = sign_in(open_tab, "translator")
    translation_desk.open(f"/admin/localize/submit/page/{advisory.pk}/")
    translation_desk.get_by_label("English").check()
    translation_desk.get_by_role("button", name="Submit").click()
    translation_desk.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    english = AdvisoryPage.objects.get(locale=en, translation_key=advisory.translation_key)
    assert not english.live
    for text in (EN_TITLE, EN_SUMMARY):
        translation_desk.get_by_role("button", name="Translate", exact=True).first.click()
        translation_desk.locator("textarea").first.fill(text)
        translation_desk.get_by_role("button", name="Save", exact=True).first.click()
        translation_desk.get_by_text(text, exact=True).wait_for()
    assert translation_desk.get_by_role("button", name="Translate", exact=True).count() == 0
    translation_desk.screenshots("admin-translation")

    # The reviewer publishes the translation.
    review.open(f"/admin/pages/{english.pk}/edit/")
    footer_action(review, "Publish in English")
    english.refresh_from_db()
    assert english.live and english.title == EN_TITLE

    # Both language versions are live, and linked to each other.
    visitor.open(f"/zh-hans/advisories/{SLUG}/")
    assert visitor.locator("h1").inner_text() == ZH_TITLE
    visitor.check("advisory-zh")
    visitor.locator("nav.language-switcher").get_by_role("link", name="English").click()
    visitor.wait_for_load_state()
    assert visitor.path() == f"/en/advisories/{SLUG}/"
    assert visitor.locator("h1").inner_text() == EN_TITLE
    assert EN_SUMMARY in visitor.locator("main").inner_text()
    visitor.check("advisory-en")
    visitor.open("/en/advisories/")
    assert visitor.get_by_role("link", name=EN_TITLE).is_visible()

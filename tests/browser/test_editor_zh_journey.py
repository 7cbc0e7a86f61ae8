"""An editor with the admin in Chinese writes a guide with only a Chinese
title and submits it for review: the page is saved with a pinyin slug, and
every message on the way (the refusal of an incomplete form included) is
Chinese. Screenshots: var/screenshots/admin-zh-*."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from guides.models import CountryGuidePage, GuideIndexPage

pytestmark = pytest.mark.browser

TITLE = "泰国投资指南"
# Words of Wagtail's English messages and of the English workflow names: none may show.
ENGLISH_WORDS = re.compile(
    r"\b(page|could not|created|saved|submitted|moderation|validation|errors?|required|workflow|review|approval)\b",
    re.IGNORECASE,
)


def sign_in_in_chinese(open_tab, username):
    tab = open_tab(locale="zh-CN")
    tab.open("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill("pw-for-tests-only")
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/admin/$"))
    return tab


def shown_messages(tab):
    text = tab.locator(".messages").inner_text().strip()
    assert text, "no message shown"
    assert not ENGLISH_WORDS.search(text), f"English in the admin's message: {text!r}"
    return text


def submit_for_review(tab):
    # A date field's picker left open covers the footer's buttons (and Tab
    # would only open the next date field's): click into the title instead.
    tab.locator("#id_title").click()
    expect(tab.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    footer = tab.locator("footer")
    action = footer.get_by_role("button", name="提交给发布前审核", exact=True)
    if not action.is_visible():
        footer.get_by_role("button", name="更多动作").click()
    action.click()
    tab.wait_for_load_state()


def test_an_editor_in_a_chinese_admin_submits_a_guide_with_only_a_chinese_title(open_tab, editor, zh):
    index = GuideIndexPage.objects.get(locale=zh)
    desk = sign_in_in_chinese(open_tab, "editor")
    desk.open(f"/admin/pages/add/guides/countryguidepage/{index.pk}/")
    desk.locator("#id_title").fill(TITLE)

    # Incomplete: refused, in Chinese, with the field errors on the tab in view.
    submit_for_review(desk)
    message = shown_messages(desk)
    assert "页面有错误，未能创建。" in message
    assert desk.locator(".error-message", has_text="必需字段").first.is_visible()
    assert "Autosave" not in desk.locator("body").inner_text()
    desk.screenshots("admin-zh-refused")
    assert not CountryGuidePage.objects.filter(title=TITLE).exists()

    # Complete, still without a slug: submitted, and the slug is the title in pinyin.
    desk.locator("#id_country").select_option("TH")
    desk.locator("#id_region").select_option("southeast-asia")
    desk.locator("#id_risk_level").select_option("medium")
    desk.locator("#id_reviewed").fill("2026-06-01")
    desk.screenshots("admin-zh-new-guide")
    submit_for_review(desk)
    message = shown_messages(desk)
    assert TITLE in message and "提交审核" in message
    desk.screenshots("admin-zh-submitted")

    guide = CountryGuidePage.objects.get(locale=zh, title=TITLE)
    assert guide.slug == "tai-guo-tou-zi-zhi-nan"
    assert not guide.live
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The page's status panel names the workflow and its task in Chinese.
    desk.open(f"/admin/pages/{guide.pk}/edit/")
    html = desk.content()
    assert "审核人批准" in html and "发布前审核" in html
    assert "Review before publishing" not in html and "Reviewer approval" not in html
    shown_messages(desk)  # "此页面正在等待审核。"

"""The filing navigator in a browser: the questionnaire step by step, the
result passing axe and printing as a checklist; and the journey that changes
its answer: an editor changes a threshold, submits it for review, a reviewer
approves it, and the navigator's answer changes."""

import re

import pytest

from filing.models import Threshold
from tests.factories import filing_demo_rules

from .test_editorial_journey import footer_action, sign_in

pytestmark = pytest.mark.browser

NATIONAL_FILING = "境外投资项目备案（国家发展改革委）"
PROVINCIAL_FILING = "境外投资项目备案（省级发展改革部门）"
RESULT_45M = (
    "/zh-hans/filing/result/?investor=local&country=VN&industry=auto-parts&amount=45&mode=new&financing=own-funds"
)


def procedure_names(tab):
    return tab.locator("article.filing-procedure h4").all_inner_texts()


def test_a_visitor_answers_six_questions_and_prints_the_checklist(open_tab, zh, en, home):
    filing_demo_rules()
    tab = open_tab(locale="en-GB")
    tab.open("/en/filing/")
    tab.check("filing-step-en")
    tab.get_by_label("Local enterprise (state-owned or private)").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Next").click()
    tab.get_by_label("Where does the investment go?").select_option("VN")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Next").click()
    tab.get_by_label("In which industry?").select_option("real-estate")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Next").click()
    tab.get_by_label("How much does the Chinese side invest, in millions of US dollars?").fill("fifty")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Next").click()
    assert "Enter the amount as a number" in tab.get_by_role("alert").inner_text()
    tab.assert_accessible()
    tab.get_by_label("How much does the Chinese side invest, in millions of US dollars?").fill("50")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Next").click()
    tab.get_by_label("Acquisition").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Next").click()
    tab.get_by_label("Own funds").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="See the procedures").click()
    assert re.search(
        r"/en/filing/result/\?investor=local&country=VN&industry=real-estate&amount=50&mode=acquisition", tab.path()
    )
    assert procedure_names(tab)[0] == "Approval of the outbound investment project"
    assert "This is a sensitive project" in tab.locator("main").inner_text()
    tab.check("filing-result-en")

    # Printed: the checklist without the links to more reading or the change links.
    tab.emulate_media(media="print")
    assert tab.locator(".filing-related").is_hidden()
    assert tab.locator(".filing-checklist").first.is_visible()
    tab.page.screenshot(path=tab.screenshot_dir / "filing-result-print.png", full_page=True)
    tab.pdf(path=tab.screenshot_dir / "filing-result-print.pdf")


def test_an_approved_threshold_change_changes_the_answer(open_tab, editor, reviewer, zh, en, home):
    filing_demo_rules()
    threshold = Threshold.objects.get()
    visitor = open_tab()
    visitor.open(RESULT_45M)
    assert PROVINCIAL_FILING in procedure_names(visitor)

    # The editor lowers the line to US$40 million and submits the change for review.
    desk = sign_in(open_tab, "editor")
    review = sign_in(open_tab, "reviewer")
    desk.open(f"/admin/snippets/filing/threshold/edit/{threshold.pk}/")
    desk.locator("#id_amount_million_usd").fill("40")
    with desk.expect_navigation():
        footer_action(desk, "Submit to Review before publishing")
    assert "submitted" in desk.locator(".messages").inner_text()
    threshold.refresh_from_db()
    assert threshold.amount_million_usd == 300  # the live rule is unchanged while in review
    visitor.open(RESULT_45M)
    assert PROVINCIAL_FILING in procedure_names(visitor)

    # The reviewer approves: the rule is published and the navigator answers with it.
    review.open(f"/admin/snippets/filing/threshold/edit/{threshold.pk}/")
    with review.expect_navigation():
        footer_action(review, "Approve and Publish")
    threshold.refresh_from_db()
    assert threshold.amount_million_usd == 40
    visitor.open(RESULT_45M)
    names = procedure_names(visitor)
    assert NATIONAL_FILING in names and PROVINCIAL_FILING not in names
    visitor.screenshots("filing-result-after-threshold-change")

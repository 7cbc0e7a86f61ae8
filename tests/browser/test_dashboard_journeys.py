"""The editors' desk in a browser: an editor, a reviewer, a translator, an
event manager and a directory editor each sign in (admin in Chinese) on the
demo site and see their own panels and no others, each with work in it
(core/dashboard.py).

The demo content alone gives the work: `load_demo` imports the bundles (a
guide and an emergency card past their review dates, upcoming events, one
whose registration closes within the week, a navigator threshold left from
the repealed 2014 measures, an advisory given in Chinese only) and adds the
demo site's day
(core/demo/day.py: registrations, a verification e-mail that failed and
awaits its retry, a listing application, a search that found nothing, a
Chinese guide republished after its translation)."""

import re

import pytest
from django.core.management import call_command

from tests.dashboard.test_panels import EXPECTED

pytestmark = pytest.mark.browser

# Every panel each role sees has work in it on the demo site (the navigator
# rule citing a repealed policy: core/demo/content/filing_rules_retired.json).
WITH_WORK = {role: panels for role, panels in EXPECTED.items() if panels}


@pytest.fixture
def demo_site(db):
    call_command("load_demo", verbosity=0)


def sign_in_in_chinese(open_tab, username):
    tab = open_tab(locale="zh-CN")
    tab.open("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill("pw-for-tests-only")
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(re.compile(r"/admin/$"))
    return tab


@pytest.mark.parametrize("role", sorted(WITH_WORK))
def test_each_role_signs_in_to_its_own_panels_with_work_in_them(open_tab, request, demo_site, role):
    user = request.getfixturevalue(role)
    tab = sign_in_in_chinese(open_tab, user.username)
    panels = tab.locator("[data-dashboard-panel]")
    shown = {panels.nth(index).get_attribute("data-dashboard-panel") for index in range(panels.count())}
    assert shown == EXPECTED[role]
    for name in WITH_WORK[role]:
        items = tab.locator(f'[data-dashboard-panel="{name}"] .dashboard-items > li')
        assert items.count() >= 1, f"{role}: no item in {name}"
        href = items.first.locator("a").first.get_attribute("href")
        assert href.startswith("/admin/")
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.screenshot(path=tab.screenshot_dir / f"dashboard-{role}-1280.png", full_page=True)
    tab.assert_accessible()

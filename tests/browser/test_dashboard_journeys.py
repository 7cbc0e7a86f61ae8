"""The editors' desk in a browser: an editor, a reviewer, a translator and an
event manager each sign in (admin in Chinese) on the demo site and see their
own panels and no others, each with work in it (core/dashboard.py).

The demo content gives the guide past its review date and the upcoming
events; the site's day adds what visitors and editors do: a guide changed
and republished in Chinese (its English translation is now out of date), a
registration, a listing application, a search that found nothing."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from directory.forms import ApplicationForm
from directory.submissions import submit_application
from events.models import EventPage
from events.models.pages import RegistrationState
from guides.models import CountryGuidePage
from search.stats import query_counter
from tests.dashboard.test_panels import EXPECTED
from tests.factories import application_form, register_verified

pytestmark = pytest.mark.browser

# Panels each role must find work in on the demo site's day.
WITH_WORK = {
    "editor": {"guides_to_review", "pending_listing_applications", "zero_result_searches"},
    "reviewer": {"guides_to_review", "pending_listing_applications"},
    "translator": {"out_of_date_translations"},
    "event_manager": {"upcoming_event_seats"},
}


@pytest.fixture
def demo_day(db):
    call_command("load_demo", verbosity=0)
    guide = CountryGuidePage.objects.filter(locale=Locale.get_default()).live().order_by("pk").first()
    guide.summary = f"{guide.summary}（已更新）"
    guide.save_revision().publish()
    events = EventPage.objects.filter(locale=Locale.get_default()).live().order_by("starts")
    register_verified(next(event for event in events if event.registration_state() == RegistrationState.OPEN))
    form = ApplicationForm(application_form())
    assert form.is_valid(), form.errors
    submit_application(form.cleaned_data, language="en")


def sign_in_in_chinese(open_tab, username):
    tab = open_tab(locale="zh-CN")
    tab.open("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill("pw-for-tests-only")
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(re.compile(r"/admin/$"))
    return tab


@pytest.mark.parametrize("role", sorted(WITH_WORK))
def test_each_role_signs_in_to_its_own_panels_with_work_in_them(open_tab, request, demo_day, role):
    user = request.getfixturevalue(role)
    if role == "editor":
        search = open_tab(locale="zh-CN")  # a visitor's search that finds nothing
        search.open("/zh-hans/search/?q=qwzxvk")
        query_counter.flush()
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

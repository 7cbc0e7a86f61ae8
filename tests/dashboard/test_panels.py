"""The editors' desk: each role sees the panels it may act on and no others;
each panel lists what needs doing with a link to act, in a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.home import HomeView
from wagtail.models import Locale

from core.access import access_of
from core.models import EmailDelivery
from directory.forms import ApplicationForm
from directory.models import EntryStatus, ListingApplication
from directory.submissions import submit_application
from events import booking
from filing.models import SensitiveIndustry
from search.models import SearchQueryStat
from tests.factories import (
    ApplicantFactory,
    CountryGuidePageFactory,
    EmergencyCardFactory,
    EventPageFactory,
    InformationPageFactory,
    PolicyPageFactory,
    application_form,
    publish_rule,
    register_verified,
)

pytestmark = pytest.mark.django_db

EDITORIAL = {
    "guides_to_review",
    "emergency_cards_to_review",
    "out_of_date_translations",
    "untranslated_pages",
    "filing_repealed_citations",
}
EVERYONE_WHO_EDITS = {"zero_result_searches", "failed_emails"}
EXPECTED = {
    # Listing applications are personal data: only the Directory editors read them (directory migration 0007).
    "editor": EDITORIAL | EVERYONE_WHO_EDITS,
    "reviewer": EDITORIAL | EVERYONE_WHO_EDITS,
    "translator": {"out_of_date_translations", "untranslated_pages"},
    "event_manager": {"upcoming_event_seats", "registration_closing", "failed_emails"},
    "directory_editor": EVERYONE_WHO_EDITS | {"pending_listing_applications"},
    "subscription_manager": set(),
}


def shown_panels(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    return set(re.findall(r'data-dashboard-panel="([a-z_]+)"', response.content.decode())), response


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_only_its_panels(client, request, role):
    """Without each panel's group/permission check a role would see panels it cannot act on."""
    panels, _response = shown_panels(client, request.getfixturevalue(role))
    assert panels == EXPECTED[role]


def apply_for_listing(name):
    """A listing application as the public form stores it (a pending entry)."""
    form = ApplicationForm(application_form(name=name))
    assert form.is_valid(), form.errors
    return submit_application(form.cleaned_data, language="en")


def overdue_guide(country):
    return CountryGuidePageFactory(country=country, reviewed=timezone.localdate() - datetime.timedelta(days=400))


def failed_delivery(number):
    return EmailDelivery.objects.create(
        kind="events.confirmation",
        object_id=number,
        status=EmailDelivery.Status.QUEUED,
        attempts=1,
        last_error="SMTPServerDisconnected",
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=5),
    )


def zero_result_search(number):
    return SearchQueryStat.objects.create(
        date=timezone.localdate() - datetime.timedelta(days=1),
        language_code="zh-hans",
        query_string=f"没有结果 {number}",
        searches=2,
        zero_result_searches=2,
    )


def upcoming_event(number):
    event = EventPageFactory(capacity=2)
    register_verified(event)
    booking.register(event, ApplicantFactory())  # held: e-mail not confirmed yet
    booking.register(event, ApplicantFactory())  # no seat left: waitlisted
    return event


def event_closing_soon(number):
    now = timezone.now()
    return EventPageFactory(
        starts=now + datetime.timedelta(days=5), registration_closes=now + datetime.timedelta(days=3)
    )


def unreviewed_card(number):
    return EmergencyCardFactory(
        country=["VN", "TH", "LA", "MY"][number], reviewed=timezone.localdate() - datetime.timedelta(days=200)
    )


def republished_translation(number):
    """A guide translated into English, then changed and republished in Chinese."""
    guide = CountryGuidePageFactory(country=["VN", "TH", "LA", "MY"][number], english=True)
    guide.title = f"{guide.title}（修订）"
    guide.save_revision().publish()
    return guide


def rule_citing_a_repealed_policy(number):
    """A navigator rule (a sensitive industry) whose cited policy has since been repealed."""
    policy = PolicyPageFactory(status="repealed")
    return publish_rule(
        SensitiveIndustry(
            locale=policy.locale,
            sector=["real-estate", "sports-clubs", "news-media", "weapons"][number],
            reason="示例理由。",
            applies_from=datetime.date(2018, 3, 1),
            policy=policy,
        )
    )


# panel name -> (role that sees it, how to make one item, how many queries at most:
# the count, the first rows; and for untranslated pages the languages, then a count
# and a list per language; one to spare, for the user's groups or permissions,
# which an admin request has now read before its panels: core/access.py)
PANELS = {
    "guides_to_review": ("editor", lambda n: overdue_guide(["VN", "TH", "LA", "MY"][n]), 4),
    "emergency_cards_to_review": ("editor", unreviewed_card, 4),
    "out_of_date_translations": ("translator", republished_translation, 4),
    "untranslated_pages": ("translator", lambda n: InformationPageFactory(), 7),
    "pending_listing_applications": ("directory_editor", lambda n: apply_for_listing(f"Lotus Bay {n}"), 5),
    "upcoming_event_seats": ("event_manager", upcoming_event, 4),
    "registration_closing": ("event_manager", event_closing_soon, 4),
    "zero_result_searches": ("editor", zero_result_search, 4),
    "failed_emails": ("editor", failed_delivery, 4),
    # the groups, the source locale, one query per rule model
    "filing_repealed_citations": ("reviewer", rule_citing_a_repealed_policy, 6),
}


def panel_for(name, request):
    view = HomeView()
    view.request = request
    return next(panel for panel in view.get_panels() if getattr(panel, "name", "") == name)


def render_counting(name, rf, user):
    request = rf.get("/admin/")
    request.user = type(user).objects.get(pk=user.pk)  # no permissions cached by an earlier render
    access_of(request.user)  # what an admin request has read before its panels (core/access.py)
    panel = panel_for(name, request)
    with CaptureQueriesContext(connection) as queries:
        html = panel.render_html({"request": request, "csrf_token": ""})
    return html, len(queries)


@pytest.mark.parametrize("name", sorted(PANELS))
def test_each_panel_lists_its_items_in_a_fixed_number_of_queries(name, rf, request):
    """With one item and with three the panel costs the same queries, at most its
    bound: a lookup per item (an N+1) would grow with them and fail."""
    role, make, bound = PANELS[name]
    user = request.getfixturevalue(role)
    make(0)
    html_one, queries_one = render_counting(name, rf, user)
    make(1)
    make(2)
    html_three, queries_three = render_counting(name, rf, user)
    assert html_one.count("<li>") >= 1
    assert html_three.count("<li>") >= html_one.count("<li>") + 2
    assert queries_three == queries_one <= bound


def test_upcoming_event_draws_confirmed_held_and_waitlisted_seats_against_capacity(rf, event_manager):
    upcoming_event(0)
    html, _queries = render_counting("upcoming_event_seats", rf, event_manager)
    meters = re.findall(r'<meter min="0" max="(\d+)" value="(\d+)">', html)
    assert meters == [("2", "1"), ("2", "1"), ("2", "1")]  # confirmed, held, waitlisted of 2 seats


def test_pending_application_shows_its_age_and_links_to_the_entry(rf, directory_editor):
    entry = apply_for_listing("Lotus Bay")
    ListingApplication.objects.filter(entry=entry).update(submitted_at=timezone.now() - datetime.timedelta(days=3))
    html, _queries = render_counting("pending_listing_applications", rf, directory_editor)
    assert reverse("wagtailsnippets_directory_directoryentry:edit", args=[entry.pk]) in html
    assert "3" in re.search(r"dashboard-items__detail\">([^<]*)<", html).group(1)
    entry.status = EntryStatus.LISTED
    entry.save()
    html, _queries = render_counting("pending_listing_applications", rf, directory_editor)
    assert "Lotus Bay" not in html


def test_a_directory_editor_may_act_on_the_applications_listed_and_on_nothing_else(client, directory_editor, home):
    """The Directory editors' permissions (directory migration 0006): without
    them the panel's links would lead to "permission denied"; with page
    permissions they could change pages, which is not their role."""
    entry = apply_for_listing("Lotus Bay")
    client.force_login(directory_editor)
    assert client.get(reverse("listing_applications:index")).status_code == 200
    edit_url = reverse("wagtailsnippets_directory_directoryentry:edit", args=[entry.pk])
    assert client.get(edit_url).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code in (302, 403)


def test_a_translator_sees_a_translation_out_of_date_after_its_source_is_republished(client, translator):
    """The issue's test: until the source changes the translation is not listed."""
    guide = CountryGuidePageFactory(country="VN", english=True)
    english = guide.get_translation(Locale.objects.get(language_code="en"))
    _panels, response = shown_panels(client, translator)
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) not in response.content.decode()
    guide.title = "越南投资指南（修订）"
    guide.save_revision().publish()
    _panels, response = shown_panels(client, translator)
    panel = response.content.decode().split('data-dashboard-panel="out_of_date_translations"')[1].split("</section>")[0]
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in panel


def test_a_card_reviewed_six_months_ago_is_listed_and_a_recent_one_is_not(rf, reviewer):
    """The panel applies the cards' six-month rule (guides.staleness.stale_cards):
    listing every card, or none, would fail."""
    unreviewed = unreviewed_card(0)
    EmergencyCardFactory(country="TH", reviewed=timezone.localdate() - datetime.timedelta(days=30))
    html, _queries = render_counting("emergency_cards_to_review", rf, reviewer)
    assert reverse("wagtailsnippets_guides_emergencycard:edit", args=[unreviewed.pk]) in html
    assert html.count("<li>") == 1

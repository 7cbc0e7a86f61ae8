import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events import booking
from events.models import Registration
from tests.factories import ApplicantFactory, EventPageFactory, english_of, register_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_registrations():
    event = EventPageFactory(english=True, capacity=3)
    register_verified(event, ApplicantFactory(seats=2, company_name='=HYPERLINK("http://evil.example","x")'))
    register_verified(event, ApplicantFactory(seats=1, company_name="+cmd|' /C calc'!A0", contact_name="@SUM(1+1)"))
    register_verified(event, ApplicantFactory(seats=2, company_name="-2+3", language="en"))  # waits
    return event


def urls(event):
    return {
        "list": reverse("events_registrations:list", args=[event.pk]),
        "csv": reverse("events_registrations:export_csv", args=[event.pk]),
        "xlsx": reverse("events_registrations:export_xlsx", args=[event.pk]),
        "events": reverse("events_registrations:events"),
    }


def test_an_editor_without_the_permission_gets_403_everywhere(client, editor, event_with_registrations):
    client.force_login(editor)
    for name, url in urls(event_with_registrations).items():
        assert client.get(url).status_code == 403, name
    registration = Registration.objects.first()
    check_in = reverse("events_registrations:check_in", args=[event_with_registrations.pk, registration.pk])
    assert client.post(check_in, {"checked_in": "1"}).status_code == 403
    registration.refresh_from_db()
    assert not registration.checked_in


def test_anonymous_visitors_are_sent_to_the_login(client, event_with_registrations):
    response = client.get(urls(event_with_registrations)["list"])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_menu_shows_registrations_to_event_managers_only(client, editor, event_manager):
    client.force_login(event_manager)
    assert urls_events() in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert urls_events() not in client.get("/admin/").content.decode()


def urls_events():
    return reverse("events_registrations:events")


def test_event_managers_see_registrations_with_filters(client, event_manager, event_with_registrations):
    client.force_login(event_manager)
    event = event_with_registrations
    overview = client.get(urls(event)["events"])
    assert overview.status_code == 200
    assert event.title in overview.content.decode()
    response = client.get(urls(event)["list"])
    assert response.status_code == 200
    assert response.context["result_count"] == 3
    assert response.context["totals"]["occupied_seats"] == 3
    waiting = client.get(urls(event)["list"], {"status": "waitlisted"})
    assert [r.company_name for r in waiting.context["registrations"]] == ["-2+3"]
    today = timezone.localdate()
    assert client.get(urls(event)["list"], {"registered_from": str(today)}).context["result_count"] == 3
    tomorrow = today + timedelta(days=1)
    assert client.get(urls(event)["list"], {"registered_from": str(tomorrow)}).context["result_count"] == 0
    invalid = client.get(urls(event)["list"], {"status": "bogus", "registered_from": "yesterday"})
    assert invalid.status_code == 200 and invalid.context["result_count"] == 3


def test_the_english_page_leads_to_the_same_registrations(client, event_manager, event_with_registrations):
    client.force_login(event_manager)
    english = english_of(event_with_registrations)
    response = client.get(reverse("events_registrations:list", args=[english.pk]))
    assert response.status_code == 302
    assert response["Location"] == urls(event_with_registrations)["list"]


def test_check_in_and_undo(client, event_manager, event_with_registrations):
    client.force_login(event_manager)
    event = event_with_registrations
    registration = Registration.objects.filter(status="confirmed").first()
    url = reverse("events_registrations:check_in", args=[event.pk, registration.pk])
    back = urls(event)["list"] + "?status=confirmed"
    response = client.post(url, {"checked_in": "1", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    registration.refresh_from_db()
    assert registration.checked_in and registration.checked_in_at
    client.post(url, {"checked_in": "0", "next": "https://evil.example/"})
    registration.refresh_from_db()
    assert not registration.checked_in
    assert client.get(url).status_code == 405
    waiting = Registration.objects.get(status="waitlisted")
    client.post(reverse("events_registrations:check_in", args=[event.pk, waiting.pk]), {"checked_in": "1"})
    waiting.refresh_from_db()
    assert not waiting.checked_in


def test_csv_export_neutralises_formula_cells(client, event_manager, event_with_registrations):
    client.force_login(event_manager)
    response = client.get(urls(event_with_registrations)["csv"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    companies = [row[3] for row in rows[1:]]
    assert companies == ['\'=HYPERLINK("http://evil.example","x")', "'+cmd|' /C calc'!A0", "'-2+3"]
    assert rows[2][5] == "'@SUM(1+1)"
    assert rows[1][6] == "'+8613812345678"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_xlsx_export_neutralises_formula_cells(client, event_manager, event_with_registrations):
    client.force_login(event_manager)
    response = client.get(urls(event_with_registrations)["xlsx"], {"status": "confirmed"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) == 3  # header and the two confirmed registrations
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert rows[1][3] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[2][5] == "'@SUM(1+1)"


def test_exports_are_logged_without_personal_data(client, event_manager, event_with_registrations, caplog):
    client.force_login(event_manager)
    with caplog.at_level("INFO", logger="outbound.events"):
        client.get(urls(event_with_registrations)["csv"])
    assert f"exported 3 registrations of event {event_with_registrations.pk}" in caplog.text
    assert "wang@example.com" not in caplog.text


def test_registrations_are_not_in_the_search_index_or_api():
    from wagtail.search.index import Indexed

    assert not issubclass(Registration, Indexed)


def test_managers_see_held_confirmed_waitlisted_cancelled_and_expired_apart(client, event_manager):
    event = EventPageFactory(english=True, capacity=4)
    cancelled = register_verified(event, ApplicantFactory(seats=1))
    booking.cancel(cancelled)
    expired = booking.register(event, ApplicantFactory(seats=1))
    Registration.objects.filter(pk=expired.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    register_verified(event, ApplicantFactory(seats=2))  # confirmed; the expiry runs first
    booking.register(event, ApplicantFactory(seats=2))  # held
    register_verified(event, ApplicantFactory(seats=1))  # waits
    client.force_login(event_manager)
    html = client.get(urls(event)["list"]).content.decode()
    rows = list(csv.reader(io.StringIO(client.get(urls(event)["csv"]).content.decode("utf-8-sig"))))
    assert "等待报名人确认邮箱而保留的：2 个 · 因未确认而失效：1 份报名" in html
    assert [row[2] for row in rows[1:]] == [
        "已取消",
        "已失效（未按时确认邮箱）",
        "已确认",
        "名额保留中（邮箱尚未确认）",
        "候补中",
    ]

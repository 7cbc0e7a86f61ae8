"""Fuzz test, part 4 (issue 14): text already in the database, written past
every validator (queryset .update()), cannot break an output: the feeds, the
calendars, the registrations export and the directory's JSON-LD still parse,
and show the text as core.text makes it safe."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from advisories.models import AdvisoryIndexPage, AdvisoryPage
from core.text import one_line, xml_safe
from directory.models import DirectoryEntry, DirectoryPage
from events import booking
from events.models import EventIndexPage, EventPage, Registration
from tests.factories import (
    AdvisoryPageFactory,
    ApplicantFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    index_of,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# Every character XML forbids, line breaks of each kind, markup, CDATA and
# <script> closers, quotes, and a formula trigger further in.
# No NUL: PostgreSQL cannot store one, so no stored text can hold it (the inputs refuse it).
HOSTILE = "柬埔寨\x01预警\x0b第二行\x1b[31m\x7f\r\nline ]]> <b>a &amp; b</b> \"'</script><script>alert(1)</script> =1+1"
LONG = HOSTILE + " 出海" * 5_000
COMPANY_NAME = 3  # the column of events.exports.rows (headings are in the admin's language)


@pytest.fixture
def advisory():
    page = AdvisoryPageFactory(kind="security", countries=["KH"])
    AdvisoryPage.objects.filter(pk=page.pk).update(title=HOSTILE, summary=LONG)
    return page


@pytest.fixture
def event():
    page = EventPageFactory()
    registration = booking.register(page, ApplicantFactory())
    Registration.objects.filter(pk=registration.pk).update(
        company_name=HOSTILE, contact_name=HOSTILE, attendee_names=[HOSTILE]
    )
    EventPage.objects.filter(pk=page.pk).update(title=HOSTILE, summary=LONG, venue=HOSTILE)
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def entry():
    listed = DirectoryEntryFactory()
    DirectoryEntry.objects.filter(pk=listed.pk).update(name=HOSTILE, city=HOSTILE, address=HOSTILE, description=LONG)
    return listed


@pytest.mark.parametrize("route", ["feed/", "feed/kind/security/", "feed/country/KH/"])
def test_the_atom_feeds_parse(client, advisory, route):
    response = client.get(index_of(AdvisoryIndexPage).url + route)
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, in a test
    [item] = root.findall(f"{ATOM}entry")
    assert item.find(f"{ATOM}title").text == one_line(HOSTILE)


def test_the_calendar_feed_parses(client, event):
    calendar = Calendar.from_ical(client.get(index_of(EventIndexPage).url + "calendar/").content)
    [item] = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == one_line(HOSTILE)


def test_the_event_calendar_file_parses(client, event):
    calendar = Calendar.from_ical(client.get(event.url + "calendar/").content)
    [item] = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == one_line(HOSTILE)


def export(client, event_manager, event, file_format):
    client.force_login(event_manager)
    response = client.get(reverse(f"events_registrations:export_{file_format}", args=[event.pk]))
    assert response.status_code == 200
    return response.content


def test_the_registrations_csv_parses(client, event_manager, event):
    _header, row = csv.reader(io.StringIO(export(client, event_manager, event, "csv").decode("utf-8-sig")))
    assert row[COMPANY_NAME] == xml_safe(HOSTILE)


def test_the_registrations_xlsx_opens(client, event_manager, event):
    sheet = load_workbook(io.BytesIO(export(client, event_manager, event, "xlsx"))).active
    _header, row = sheet.iter_rows(values_only=True)
    # An XML reader takes a "\r\n" line end as "\n" (XML 1.0, 2.11): the file holds the text as stored.
    assert row[COMPANY_NAME] == xml_safe(HOSTILE).replace("\r\n", "\n")


def test_the_directory_entry_json_ld_parses(client, entry):
    html = client.get(index_of(DirectoryPage).url + f"{entry.key}/").content.decode()
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(script)["name"] == one_line(HOSTILE)

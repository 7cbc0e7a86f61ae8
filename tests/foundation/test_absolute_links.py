"""Every absolute link the site gives out starts with SITE_BASE_URL (issue 22
item 4): e-mails (registration, subscription, alerts, editor notifications),
feeds, calendars, the sitemap and the pages' canonical links.

The test client asks for "testserver" and the default Site record says
http://testserver too, so a link built from the request or from the Site
record (what the code did before core.links) fails every test here.
"""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from icalendar import Calendar

from advisories.mailing import build_message
from advisories.models import AdvisoryIndexPage
from directory.notifications import notify_editors_of_application
from events.emails import registration_email
from events.models import EventIndexPage
from tests.factories import (
    AdvisoryPageFactory,
    ApplicantFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    SubscriberFactory,
    english_of,
    index_of,
    register_verified,
)

pytestmark = pytest.mark.django_db

BASE = "https://invest.example.org"
LINK = re.compile(r"https?://[^\s<>\"']+")


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_BASE_URL = BASE


def links_in(*texts):
    found = [link for text in texts for link in LINK.findall(text)]
    assert found, "no link found: the test would prove nothing"
    return found


def assert_all_at_base(links):
    stray = [link for link in links if not link.startswith(BASE + "/")]
    assert not stray, stray


def xml_links(content):
    """Every attribute value and text in an XML document that is a link (namespaces are not values)."""
    root = ET.fromstring(content)  # noqa: S314 - our own output, in a test
    values = [value for element in root.iter() for value in (*element.attrib.values(), element.text or "")]
    return links_in(*values)


def calendar_links(content):
    """Links in every property value (parsed: the raw file folds long lines)."""
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        assert str(event["UID"]).endswith("@invest.example.org")
    return links_in(*(str(value) for component in calendar.walk() for value in component.values()))


def test_registration_e_mails_and_their_calendar(django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True, registration_closes=None)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_verified(event, ApplicantFactory(language="en"))
    [verification, confirmation] = mailoutbox
    cancelled = registration_email(registration, "cancelled")
    assert_all_at_base(links_in(verification.body, confirmation.body, cancelled.body))
    [(_name, ics, _type)] = confirmation.attachments
    assert_all_at_base(calendar_links(ics))
    assert f"{BASE}{english_of(event).url}registration/{registration.pk}-" in confirmation.body


def test_subscription_confirmation_e_mail(client, django_capture_on_commit_callbacks, mailoutbox):
    form = {"email": "firm@example.com", "language": "en", "countries": ["KH"]}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/zh-hans/advisories/subscribe/", form).status_code == 302
    [message] = mailoutbox
    links = links_in(message.body)
    assert_all_at_base(links)
    assert any(link.startswith(f"{BASE}/en/advisories/confirm/") for link in links)


def test_alert_e_mail_with_its_unsubscribe_header():
    advisory = AdvisoryPageFactory(english=True, countries=["KH"])
    subscriber = SubscriberFactory(language="en", countries=["KH"])
    message = build_message(english_of(advisory), subscriber)
    [(html, _mimetype)] = message.alternatives
    assert_all_at_base(links_in(message.body, html, message.extra_headers["List-Unsubscribe"]))


def test_editor_notification_e_mail(zh, directory_editor, mailoutbox):
    entry = DirectoryEntryFactory(locale=zh, key="lotus-bay", name="湄公湾咨询")
    assert notify_editors_of_application.call(entry.pk) == 1
    assert_all_at_base(links_in(mailoutbox[0].body))


def test_feeds_links_and_ids(client):
    AdvisoryPageFactory(english=True, countries=["KH"], kind="security")
    for language in ("zh-hans", "en"):
        index = index_of(AdvisoryIndexPage, language)
        for route in ("feed/", "feed/kind/security/", "feed/country/KH/"):
            content = client.get(index.url + route).content
            assert_all_at_base(xml_links(content))
            ids = [element.text for element in ET.fromstring(content).iter("{http://www.w3.org/2005/Atom}id")]  # noqa: S314
            assert all(value.startswith("tag:invest.example.org,") for value in ids), ids


def test_calendars(client):
    event = EventPageFactory(english=True)
    for page in (event, english_of(event)):
        assert_all_at_base(calendar_links(client.get(page.url + "calendar/").content))
    for language in ("zh-hans", "en"):
        index = index_of(EventIndexPage, language)
        assert_all_at_base(calendar_links(client.get(index.url + "calendar/").content))


def test_sitemap(client, zh):
    DirectoryEntryFactory(locale=zh)  # the directory page adds its entries' own pages
    AdvisoryPageFactory(english=True)
    assert_all_at_base(xml_links(client.get("/sitemap.xml").content))


def test_canonical_and_alternate_links_of_a_page(client):
    html = client.get("/en/about/").content.decode()
    links = re.findall(r'<link rel="(?:canonical|alternate)"[^>]* href="([^"]+)"', html)
    assert len(links) >= 3
    assert_all_at_base(links)


def test_feed_entries_carry_the_issue_date_and_leave_out_expired_advisories(client):
    """Before, entries were dated by first_published_at (the time a bulk
    import or load_demo ran) and an expired advisory stayed in the feed."""
    today = timezone.localdate()
    issued = today - timedelta(days=40)
    AdvisoryPageFactory(title="早先发布的提示", issued=issued)
    AdvisoryPageFactory(title="已过期的提示", issued=today - timedelta(days=30), expires=today - timedelta(days=1))
    root = ET.fromstring(client.get(index_of(AdvisoryIndexPage).url + "feed/").content)  # noqa: S314
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {entry.find(f"{atom}title").text: entry for entry in root.iter(f"{atom}entry")}
    assert list(entries) == ["早先发布的提示"]
    entry = entries["早先发布的提示"]
    assert entry.find(f"{atom}published").text.startswith(issued.isoformat() + "T00:00:00")
    assert entry.find(f"{atom}updated").text.startswith(issued.isoformat() + "T00:00:00")


def test_wagtails_admin_e_mails_use_the_same_base_url():
    """WAGTAILADMIN_BASE_URL (Wagtail's workflow and notification e-mails) is
    not a second setting: the settings module derives it from SITE_BASE_URL."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "SITE_BASE_URL": BASE + "/"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code],
        cwd=Path(django_settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == BASE

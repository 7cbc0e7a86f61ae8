"""Helpers to build events and registrations in tests."""

from datetime import timedelta
from itertools import count

from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core.translation import translate
from events import booking
from events.models import EventIndexPage, EventPage
from events.validators import credit_code_check_character

_serial = count(1)


def credit_code(number=None):
    """A valid 18-character code: 9 (market regulation) 1 (company), a Binjiang-like
    division code and a made-up organisation number, plus its check character."""
    number = next(_serial) if number is None else number
    first_seventeen = f"913301{number:011d}"[:17]
    return first_seventeen + credit_code_check_character(first_seventeen)


def index_page(language_code="zh-hans"):
    return EventIndexPage.objects.get(locale=Locale.objects.get(language_code=language_code))


def make_event(translate_to_en=True, publish=True, **fields):
    """A live Chinese event (and its English translation), starting in 30 days
    with registration open now, unless `fields` say otherwise."""
    # Whole minutes: revisions store times to the millisecond.
    now = timezone.now().replace(second=0, microsecond=0)
    serial = next(_serial)
    values = {
        "title": f"境外投资培训 {serial}",
        "slug": f"event-{serial}",
        "summary": "介绍境外投资备案流程。",
        "kind": "training",
        "starts": now + timedelta(days=30),
        "ends": now + timedelta(days=30, hours=3),
        "online": False,
        "venue": "滨江市开放大道88号",
        "countries": [],
        "capacity": 20,
        "registration_opens": now - timedelta(days=1),
        "registration_closes": now + timedelta(days=29),
        "body": [("rich_text", RichText("<p>课程内容。</p>"))],
    }
    values.update(fields)
    event = EventPage(live=publish, **values)
    index_page("zh-hans").add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
        event.refresh_from_db()
    if translate_to_en:
        translate(
            event,
            Locale.objects.get(language_code="en"),
            {
                "title": f"Outbound investment training {serial}",
                "summary": "How to file an outbound investment.",
                "venue": "88 Kaifang Avenue, Binjiang",
                "body": translated_body(event, ["<p>What the course covers.</p>"]),
            },
            publish=publish,
        )
    return event


def translated_body(event, htmls):
    """The source's body blocks (same ids, as wagtail-localize pairs them) with new rich text."""
    blocks = [dict(block) for block in event.body.raw_data]
    for block, html in zip(blocks, htmls, strict=True):
        block["value"] = html
    return blocks


def applicant(seats=1, language="zh-hans", **fields):
    values = {
        "company_name": "滨江示例机械有限公司",
        "credit_code": credit_code(),
        "contact_name": "王小明",
        "phone": "+8613812345678",
        "email": "wang@example.com",
        "attendee_names": [f"参会人{number}" for number in range(1, seats + 1)],
        "language": language,
    }
    values.update(fields)
    return booking.Applicant(**values)


def form_data(seats=1, **fields):
    """What a browser posts for a valid registration."""
    data = {
        "company_name": "滨江示例机械有限公司",
        "credit_code": credit_code(),
        "contact_name": "王小明",
        "phone": "138 1234 5678",
        "email": "wang@example.com",
        "attendees": str(seats),
        "consent": "on",
        "website": "",
    }
    for number in range(1, seats + 1):
        data[f"attendee_{number}"] = f"参会人{number}"
    data.update(fields)
    return data


def en_version(event):
    return event.get_translation(Locale.objects.get(language_code="en"))

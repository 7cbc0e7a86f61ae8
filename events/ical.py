"""iCalendar (RFC 5545) files: one event, or a feed of upcoming events.

Times carry the event's time zone (with its VTIMEZONE), so a calendar shows
an event in Phnom Penh at the right moment wherever the reader is. The UID
is the event's translation key: the Chinese and English files describe the
same event and calendars merge them.

Text values are icalendar's vText, which escapes line breaks, commas and
semicolons as RFC 5545 requires; control characters are dropped first
(core.text), and names and titles are folded onto one line, as a calendar
shows them. NAME / X-WR-CALNAME are added as vText explicitly: icalendar's
`Calendar.new(name=...)` writes them unescaped, so a line break in a title
would end the content line and break the file.
"""

from django.utils import timezone
from icalendar import Calendar, Event, vText

from core.links import site_hostname
from core.text import one_line, xml_safe
from core.vocabularies import EventKind, label

PRODUCT_ID = "-//Outbound Investment Service Centre//Events//EN"


def _uid(event):
    return f"event-{event.translation_key}@{site_hostname()}"


def _text(value):
    """Several lines allowed: control characters dropped, every line break as
    "\n" (vText escapes that one; a lone carriage return it would not)."""
    return "\n".join(xml_safe(value).splitlines())


def event_component(event, url):
    description = "\n\n".join(part for part in (_text(event.summary), url) if part)
    component = Event.new(
        uid=_uid(event),
        start=event.starts_local,
        end=event.ends_local,
        summary=one_line(event.title),
        description=description,
        location=_text(event.venue),
        url=url,
        stamp=event.last_published_at or timezone.now(),
        categories=[str(label(EventKind, event.kind))],
    )
    return component


def build_calendar(events_with_urls, name=""):
    """`events_with_urls`: (EventPage, absolute URL) pairs. Returns bytes."""
    calendar = Calendar.new(prodid=PRODUCT_ID)
    if name := one_line(name):
        for prop in ("NAME", "X-WR-CALNAME"):
            calendar.add(prop, vText(name))
    calendar.add("method", "PUBLISH")
    for event, url in events_with_urls:
        calendar.add_component(event_component(event, url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_filename(slug):
    return f"{slug}.ics"

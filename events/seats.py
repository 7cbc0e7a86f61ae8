"""Seats taken: attendees of the confirmed registrations of one event, in
every language, and of the registrations held while their applicant confirms
the e-mail address (a hold that expires gives its seats back).

Registrations hang off the event's anchor page (models/pages.py), but they are
matched here by translation key so that any language version of the event can
be asked, with or without knowing its anchor. Booking reads the count under
its row lock; the event page, the listing and the admin show it.
"""

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from wagtail.models import Page

from core.compiled import CompiledQuery

from .models import Registration


def _taking_seats(translation_key):
    return Registration.objects.taking_seats().filter(event__translation_key=translation_key)


# The event page counts the seats on every request: the ORM writes this SQL once.
_SEATS_TAKEN = CompiledQuery(
    lambda translation_key: (
        _taking_seats(translation_key)
        .order_by()
        .values("event__translation_key")
        .annotate(total=Sum("seats"))
        .values_list("total")
    ),
    Page._meta.get_field("translation_key"),
)


def seats_taken(event):
    rows = _SEATS_TAKEN.rows(event.translation_key)  # none when no registration takes a seat
    return rows[0][0] if rows else 0


def with_seats_taken(events):
    """The events, each annotated with `occupied_seats` (confirmed and held),
    counted in the same query as the events themselves."""
    total = (
        _taking_seats(OuterRef("translation_key"))
        .order_by()
        .values("event__translation_key")
        .annotate(total=Sum("seats"))
        .values("total")[:1]
    )
    return events.annotate(occupied_seats=Coalesce(Subquery(total, output_field=IntegerField()), 0))


def seats_left(capacity, taken):
    """Never below zero: an editor may lower the capacity under the seats taken."""
    return max(capacity - taken, 0)

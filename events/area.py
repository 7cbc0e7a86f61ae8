"""The events as a content area (core.areas)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.areas import ContentArea, live_index
from core.related import ListingItem
from core.vocabularies import EventKind, label


def listing_item(event, url):
    when = date_format(event.starts_beijing, "DATE_FORMAT")
    where = _("Online") if event.online else event.venue
    return ListingItem(
        title=event.title,
        url=url,
        note=f"{when} · {where}" if len(where) <= 40 else when,
        badge=str(label(EventKind, event.kind)),
    )


AREA = ContentArea(
    key="events",
    model_label="events.EventPage",
    label=gettext_lazy("Training and events"),
    country_field="countries",
    index_page=live_index("events.EventIndexPage"),
    listing_item=listing_item,
    on_country_hubs=True,
    search_facts=(("kind", EventKind),),
)

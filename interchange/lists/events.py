from zoneinfo import ZoneInfo

from django.conf import settings

from .base import ListAdapter, RichTextMapping


class EventList(ListAdapter):
    """Events: the bundle's body is one rich text block. Date-times are
    written in the event's own time zone (which the events app infers from
    the offset on import), so a round trip keeps Riyadh events at +03:00."""

    name = "events"
    model_label = "events.EventPage"
    index_label = "events.EventIndexPage"
    shared_fields = {
        "kind": "kind",
        "starts": "starts",
        "ends": "ends",
        "online": "online",
        "capacity": "capacity",
        "registration_opens": "registration_opens",
        "registration_closes": "registration_closes",
        "countries": "countries",
    }
    unordered_lists = ("countries",)  # the model keeps them sorted (core.fields.CountryListField)
    text_fields = {"title": "title", "summary": "summary", "venue": "venue"}
    image_field = "lead_image"
    streams = (RichTextMapping("body", "body", "rich_text"),)
    defaults = {"countries": [], "registration_opens": None, "registration_closes": None}
    text_defaults = {"summary": ""}
    text_order = ("title", "summary", "body", "venue")

    def time_zone_of(self, instance):
        return ZoneInfo(instance.time_zone or settings.TIME_ZONE)

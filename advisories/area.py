"""The advisories as a content area (core.areas)."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from advisories.display import countries_text
from core.areas import ContentArea, live_index
from core.related import ListingItem
from core.vocabularies import AdvisoryKind, Severity, label

NOTE_COUNTRIES = 3  # names shown in a list item before "…"


def listing_item(advisory, url):
    note = " · ".join(
        [
            str(label(AdvisoryKind, advisory.kind)),
            countries_text(advisory.countries, limit=NOTE_COUNTRIES),
            date_format(advisory.issued, "DATE_FORMAT"),
        ]
    )
    return ListingItem(title=advisory.title, url=url, note=note, badge=str(label(Severity, advisory.severity)))


def is_alert(advisory):
    """An alert is the site banner on every page (advisories/wagtail_hooks.py)."""
    return advisory.severity == Severity.ALERT


AREA = ContentArea(
    key="advisories",
    model_label="advisories.AdvisoryPage",
    label=_("Advisories"),
    country_field="countries",
    index_page=live_index("advisories.AdvisoryIndexPage"),
    listing_item=listing_item,
    on_country_hubs=True,
    on_every_page=is_alert,
    search_facts=(("kind", AdvisoryKind),),
)

"""What the site search covers: one Source per searchable model.

The search app reads other apps' models through the app registry only (no
imports), and only through what they index: search_fields with FilterFields
for locale and, for the directory, status. A source whose model is not
installed is skipped.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


@dataclass(frozen=True)
class Source:
    key: str  # GET value of the type filter and CSS hook: stable
    model_label: str
    label: str
    country_field: str  # a country code, or a list of them ("countries")
    text_fields: tuple  # plain-text fields for the snippet, first non-empty wins

    @property
    def model(self):
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    def queryset(self, locale):
        """What the public may find, in one locale."""
        model = self.model
        if self.is_page:
            return model.objects.live().public().filter(locale=locale)
        # Directory entries: listed only, never pending or withdrawn.
        return model.objects.filter(locale=locale, status="listed")

    def countries_of(self, value):
        if not value:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(value)


SOURCES = (
    Source("guides", "guides.CountryGuidePage", _("Country guides"), "country", ("summary",)),
    Source("advisories", "advisories.AdvisoryPage", _("Advisories"), "countries", ("summary",)),
    Source("events", "events.EventPage", _("Training and events"), "countries", ("summary",)),
    Source("directory", "directory.DirectoryEntry", _("Service directory"), "country", ("description",)),
)


def available_sources():
    return [source for source in SOURCES if source.model is not None]


def source_for(key):
    return next((source for source in available_sources() if source.key == key), None)

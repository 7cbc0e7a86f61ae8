"""The directory in the admin (entries as translatable snippets, listing
applications for permitted staff, spreadsheet import and export) and in
the country guides (COUNTRY_HUB_HOOK)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.areas import CONTENT_AREAS_HOOK
from core.dashboard import DashboardPanel, Item, first_and_total
from core.related import COUNTRY_HUB_HOOK, FOLLOW_DIGEST_HOOK
from core.roles import is_translator_only
from core.vocabularies import DigestTopic, ProviderKind, country_choices
from directory import admin_views
from directory.area import AREA
from directory.models import DirectoryEntry, EntryStatus, ListingApplication
from directory.notifications import reviews_applications

HUB_LIMIT = 8


# ---------------------------------------------------------------- entries


class DirectoryEntryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=EntryStatus.choices)
    kind = django_filters.ChoiceFilter(label=pgettext_lazy("directory", "Kind"), choices=ProviderKind.choices)
    country = django_filters.ChoiceFilter(label=gettext_lazy("Country"), choices=lambda: country_choices())

    class Meta:
        model = DirectoryEntry
        fields = ["status", "kind", "country"]


class DirectoryEntryIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("add") and self.user_has_permission("change"):
            buttons.append(Button(_("Import from a spreadsheet"), url=reverse("directory_import"), icon_name="upload"))
        buttons.append(Button(_("Export as CSV"), url=reverse("directory_export", args=["csv"]), icon_name="download"))
        buttons.append(
            Button(_("Export as XLSX"), url=reverse("directory_export", args=["xlsx"]), icon_name="download")
        )
        return buttons


class DirectoryEntryViewSet(SnippetViewSet):
    model = DirectoryEntry
    index_view_class = DirectoryEntryIndexView
    icon = "globe"
    menu_label = gettext_lazy("Directory")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("kind_label", label=pgettext_lazy("directory", "Kind")),
        Column("country_name", label=gettext_lazy("Country")),
        "city",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("verified_on", label=gettext_lazy("Verified on")),
        "locale",
    ]
    filterset_class = DirectoryEntryFilterSet
    ordering = ["sort_name"]


register_snippet(DirectoryEntryViewSet)


@hooks.register("before_edit_snippet")
def translators_edit_translated_entries_only(request, instance):
    """As for pages: a translator changes translations, not the source entry."""
    is_source = isinstance(instance, DirectoryEntry) and instance.locale_id == Locale.get_default().pk
    if is_source and is_translator_only(request.user):
        raise PermissionDenied


@hooks.register("register_admin_urls")
def directory_spreadsheet_urls():
    return [
        path("directory/import/", admin_views.ImportView.as_view(), name="directory_import"),
        path("directory/export/<str:file_format>/", admin_views.export_view, name="directory_export"),
    ]


# ---------------------------------------------------------------- applications (personal data)


class ListingApplicationViewSet(ModelViewSet):
    """Staff with the "view listing application" permission only."""

    model = ListingApplication
    icon = "mail"
    menu_label = gettext_lazy("Listing applications")
    menu_order = 251
    add_to_admin_menu = True
    list_display = ["entry", "contact_name", "language", DateColumn("submitted_at", label=gettext_lazy("Submitted"))]
    inspect_view_enabled = True
    form_fields = ["contact_name", "contact_email", "contact_phone", "message"]


@hooks.register("register_admin_viewset")
def register_listing_applications():
    return ListingApplicationViewSet("listing_applications")


# ---------------------------------------------------------------- country guides


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA


@hooks.register(COUNTRY_HUB_HOOK)
def directory_entries_for_country(country_code, locale):
    directory = AREA.index_page(locale)
    if directory is None:
        return None
    entries = AREA.concerning(AREA.public(locale), country_code).order_by_name()[:HUB_LIMIT]
    # The directory filters by an entry's own country, and offers only the
    # countries it has entries in: "see all" only leads there when it has some.
    located_there = AREA.public(locale).filter(country=country_code).exists()
    with translation.override(locale.language_code):
        return AREA.listing(
            entries,
            locale,
            title=_("Service providers"),
            more_url=f"{directory.get_url()}?{urlencode({'country': country_code})}" if located_there else "",
            empty_text=_("No service providers are listed for this country yet."),
            order=40,
        )


class PendingApplicationsPanel(DashboardPanel):
    """Listing applications whose entry still waits for review, the oldest first,
    for the staff who review them (the ones told of each application)."""

    name = "pending_listing_applications"
    order = 210
    heading = gettext_lazy("Listing applications waiting for review")
    empty_text = gettext_lazy("No listing application is waiting.")

    def is_shown(self):
        return reviews_applications(self.request.user)

    def items(self):
        pending = (
            ListingApplication.objects.filter(entry__status=EntryStatus.PENDING)
            .select_related("entry")
            .only("submitted_at", "entry__name")
            .order_by("submitted_at", "pk")
        )
        return first_and_total(
            pending,
            lambda application: Item(
                url=reverse("wagtailsnippets_directory_directoryentry:edit", args=[application.entry.pk]),
                title=application.entry.name,
                detail=_("Waiting for %(age)s") % {"age": timesince(application.submitted_at, depth=1)},
            ),
        )

    def more_url(self):
        return reverse("listing_applications:index")


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(PendingApplicationsPanel(request))


@hooks.register(FOLLOW_DIGEST_HOOK)
def new_providers(country_codes, locale, since, until):
    entries = AREA.new_between(locale, country_codes, since, until)
    with translation.override(locale.language_code):
        return AREA.listing(entries, locale, key=DigestTopic.PROVIDERS, title=_("New service providers"), order=40)

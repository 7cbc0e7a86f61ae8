"""The events app's hooks: the admin's registrations view for Event managers,
and upcoming events on the home page and on country guides (core.related)."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.related import COUNTRY_HUB_HOOK, HOME_SECTIONS_HOOK, Listing, ListingItem
from core.vocabularies import EventKind, label

from . import urls_admin
from .admin_views import VIEW_PERMISSION
from .models import EventIndexPage, EventPage

HOME_LIMIT = 5
COUNTRY_LIMIT = 5


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("events/", include(urls_admin, namespace="events_registrations"))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return RegistrationsMenuItem(
        gettext_lazy("Registrations"), reverse("events_registrations:events"), icon_name="group", order=350
    )


def _upcoming(locale):
    return EventPage.objects.live().filter(locale=locale, ends__gte=timezone.now()).order_by("starts")


def _item(event):
    when = date_format(event.starts_beijing, "DATE_FORMAT")
    where = _("Online") if event.online else event.venue
    return ListingItem(
        title=event.title,
        url=event.url,
        note=f"{when} · {where}" if len(where) <= 40 else when,
        badge=str(label(EventKind, event.kind)),
    )


def _index_url(locale):
    index = EventIndexPage.objects.live().filter(locale=locale).first()
    return index.url if index else ""


def _listing(locale, events, **kwargs):
    with override(locale.language_code):
        return Listing(
            key="events",
            items=[_item(event) for event in events],
            more_url=_index_url(locale),
            empty_text=_("No upcoming events at the moment."),
            **kwargs,
        )


@hooks.register(HOME_SECTIONS_HOOK)
def upcoming_events(locale):
    with override(locale.language_code):
        title = _("Upcoming events")
    return _listing(locale, _upcoming(locale)[:HOME_LIMIT], title=title, order=30)


@hooks.register(COUNTRY_HUB_HOOK)
def upcoming_events_for_country(country_code, locale):
    events = list(_upcoming(locale).filter(countries_token__contains=f" {country_code.upper()} ")[:COUNTRY_LIMIT])
    if not events:
        return None
    with override(locale.language_code):
        title = _("Upcoming events about this country")
    return _listing(locale, events, title=title, order=30)

"""The events app's hooks: the admin's registrations view for Event managers,
and upcoming events on the home page and on country guides (core.related)."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.areas import CONTENT_AREAS_HOOK
from core.related import COUNTRY_HUB_HOOK, FOLLOW_DIGEST_HOOK, HOME_SECTIONS_HOOK
from core.vocabularies import DigestTopic

from . import urls_admin
from .admin_views import VIEW_PERMISSION
from .area import AREA

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


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA


def _upcoming(locale):
    return AREA.public(locale).filter(ends__gte=timezone.now()).order_by("starts")


@hooks.register(HOME_SECTIONS_HOOK)
def upcoming_events(locale):
    with override(locale.language_code):
        return AREA.listing(
            _upcoming(locale)[:HOME_LIMIT],
            locale,
            title=_("Upcoming events"),
            empty_text=_("No upcoming events at the moment."),
            order=30,
        )


@hooks.register(COUNTRY_HUB_HOOK)
def upcoming_events_for_country(country_code, locale):
    events = list(AREA.concerning(_upcoming(locale), country_code)[:COUNTRY_LIMIT])
    if not events:
        return None
    with override(locale.language_code):
        return AREA.listing(
            events,
            locale,
            title=_("Upcoming events about this country"),
            empty_text=_("No upcoming events at the moment."),
            order=30,
        )


@hooks.register(FOLLOW_DIGEST_HOOK)
def new_events(country_codes, locale, since, until):
    events = AREA.new_between(locale, country_codes, since, until).defer_streamfields()
    with override(locale.language_code):
        return AREA.listing(events, locale, key=DigestTopic.EVENTS, title=_("New events"), order=30)

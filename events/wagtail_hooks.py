"""The events app's hooks: the admin's registrations view for Event managers,
their dashboard panels (seats of upcoming events, registrations closing this
week), and upcoming events on the home page and on country guides (core.related)."""

from datetime import timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.areas import CONTENT_AREAS_HOOK
from core.dashboard import Bar, DashboardPanel, Item, first_and_total
from core.related import COUNTRY_HUB_HOOK, FOLLOW_DIGEST_HOOK, HOME_SECTIONS_HOOK
from core.vocabularies import DigestTopic

from . import urls_admin
from .admin_views import VIEW_PERMISSION, anchors_with_counts
from .area import AREA
from .seats import seats_left

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


def _registrations_item(event, detail="", bars=()):
    return Item(
        url=reverse("events_registrations:list", args=[event.pk]), title=event.title, detail=detail, bars=list(bars)
    )


def _starts(event):
    return timezone.localtime(event.starts).strftime("%Y-%m-%d %H:%M")


class UpcomingEventsPanel(DashboardPanel):
    """Upcoming events with their seats confirmed, held and waitlisted against capacity."""

    name = "upcoming_event_seats"
    order = 310
    heading = gettext_lazy("Upcoming events: seats")
    empty_text = gettext_lazy("No upcoming events.")
    permission = VIEW_PERMISSION

    def items(self):
        events = anchors_with_counts().live().filter(starts__gte=timezone.now()).order_by("starts", "pk")
        return first_and_total(
            events,
            lambda event: _registrations_item(
                event,
                _("Starts %(when)s") % {"when": _starts(event)},
                [
                    Bar(_("Confirmed"), event.occupied_seats - (event.held_seats or 0), event.capacity),
                    Bar(_("Held"), event.held_seats or 0, event.capacity),
                    Bar(_("Waitlisted"), event.waitlisted, event.capacity),
                ],
            ),
        )

    def more_url(self):
        return reverse("events_registrations:events")


class RegistrationClosingPanel(DashboardPanel):
    """Events whose registration closes (or, without a closing time, which
    start) in the next seven days while it is open."""

    name = "registration_closing"
    order = 320
    heading = gettext_lazy("Registration closes in the next 7 days")
    empty_text = gettext_lazy("No registration closes this week.")
    permission = VIEW_PERMISSION

    def items(self):
        now = timezone.now()
        closing = (
            anchors_with_counts()
            .live()
            .annotate(closes=Coalesce("registration_closes", "starts"))
            .filter(closes__gt=now, closes__lte=now + timedelta(days=7))
            .filter(Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
            .order_by("closes", "pk")
        )
        return first_and_total(
            closing,
            lambda event: _registrations_item(
                event,
                _("Closes %(when)s · %(left)s seats left")
                % {
                    "when": timezone.localtime(event.closes).strftime("%Y-%m-%d %H:%M"),
                    "left": seats_left(event.capacity, event.occupied_seats),
                },
            ),
        )


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend([UpcomingEventsPanel(request), RegistrationClosingPanel(request)])


@hooks.register(FOLLOW_DIGEST_HOOK)
def new_events(country_codes, locale, since, until):
    events = AREA.new_between(locale, country_codes, since, until).defer_streamfields()
    with override(locale.language_code):
        return AREA.listing(events, locale, key=DigestTopic.EVENTS, title=_("New events"), order=30)

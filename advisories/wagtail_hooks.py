"""Where advisories surface elsewhere (home page, country guides, the site
banner) and the subscriber admin."""

import uuid

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, gettext_noop, override
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from advisories.area import AREA
from advisories.banners import dismissed_keys
from advisories.models import Subscriber
from advisories.viewsets import SubscriberPermissionPolicy, SubscriberViewSet
from core.areas import CONTENT_AREAS_HOOK
from core.related import (
    COUNTRY_HUB_HOOK,
    FOLLOW_DIGEST_HOOK,
    HOME_SECTIONS_HOOK,
    POLICY_CITATIONS_HOOK,
    SITE_BANNERS_HOOK,
    Banner,
)
from core.vocabularies import DigestTopic, Severity, is_country_code
from edge.chrome import site_for_request, until_pages_change

HOME_ITEMS = 5
COUNTRY_ITEMS = 10

# The label of the dismiss button in site/templates/includes/banners.html:
# kept in this app's catalogue, which Django merges with the site's.
gettext_noop("Dismiss")


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA


def _current_in(locale):
    return AREA.public(locale).current().newest_first().defer_streamfields()


@hooks.register(HOME_SECTIONS_HOOK)
def latest_advisories(locale):
    with override(locale.language_code):
        return AREA.listing(
            _current_in(locale)[:HOME_ITEMS],
            locale,
            title=_("Latest advisories"),
            empty_text=_("There are no current advisories."),
            order=10,
        )


@hooks.register(POLICY_CITATIONS_HOOK)
def advisories_citing(policy, locale):
    return AREA.citing_listing(policy, locale, gettext_lazy("Advisories that cite it"), order=20)


@hooks.register(COUNTRY_HUB_HOOK)
def advisories_for_country(country_code, locale):
    if not is_country_code(country_code):
        return None
    with override(locale.language_code):
        index = AREA.index_page(locale)
        return AREA.listing(
            AREA.concerning(_current_in(locale), country_code)[:COUNTRY_ITEMS],
            locale,
            title=_("Current advisories"),
            more_url=f"{index.get_url()}?country={country_code}" if index else "",
            empty_text=_("There are no current advisories for this country."),
            order=10,
        )


def _dismissed_translation_keys(request):
    keys = []
    for key in dismissed_keys(request):
        if key.startswith("advisory-"):
            try:
                keys.append(uuid.UUID(hex=key.removeprefix("advisory-")))
            except ValueError:
                continue
    return keys


def _current_alerts(request, language):
    """The language's public, unexpired alerts, newest first, each with its
    address on the request's site, and the address that dismisses a banner:
    memoised per site until a page in that language changes (edge.chrome:
    a moved alert too); expiry is checked again on every request, so one
    that ends today leaves the banner tomorrow."""

    def build():
        alerts = AREA.public().filter(locale__language_code=language, severity=Severity.ALERT)
        found = alerts.current().newest_first().defer_streamfields()
        return [(alert, alert.get_url(request)) for alert in found], reverse("advisories:dismiss-banner")

    site = site_for_request(request)
    return until_pages_change(("current alerts", language, site.pk if site else None), language, build)


@hooks.register(SITE_BANNERS_HOOK)
def current_alert(request):
    """The newest current alert in the page's language that this visitor has
    not dismissed (the cookie is read here and again by banners.js, so a
    cached page behaves the same)."""
    today = timezone.localdate()
    dismissed = set(_dismissed_translation_keys(request))
    alerts, dismiss_url = _current_alerts(request, get_language())
    alert, url = next(
        (
            (alert, url)
            for alert, url in alerts
            if (alert.expires is None or alert.expires >= today) and alert.translation_key not in dismissed
        ),
        (None, None),
    )
    if alert is None:
        return None
    return Banner(key=alert.banner_key, text=alert.title, url=url, level="alert", dismiss_url=dismiss_url)


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")


@hooks.register(FOLLOW_DIGEST_HOOK)
def new_advisories(country_codes, locale, since, until):
    advisories = AREA.new_between(locale, country_codes, since, until).defer_streamfields()
    with override(locale.language_code):
        return AREA.listing(advisories, locale, key=DigestTopic.ADVISORIES, title=_("New advisories"), order=20)

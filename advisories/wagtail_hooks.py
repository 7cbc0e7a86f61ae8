"""Where advisories surface elsewhere (home page, country guides, the site
banner) and the subscriber admin."""

import uuid

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_noop, override
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from advisories.banners import dismissed_keys
from advisories.display import countries_text
from advisories.models import AdvisoryIndexPage, AdvisoryPage, Subscriber
from advisories.viewsets import SubscriberPermissionPolicy, SubscriberViewSet
from core.related import COUNTRY_HUB_HOOK, HOME_SECTIONS_HOOK, SITE_BANNERS_HOOK, Banner, Listing, ListingItem
from core.vocabularies import AdvisoryKind, Severity, is_country_code, label

HOME_ITEMS = 5
COUNTRY_ITEMS = 10
NOTE_COUNTRIES = 3  # names shown in a list item before "…"

# The label of the dismiss button in site/templates/includes/banners.html:
# kept in this app's catalogue, which Django merges with the site's.
gettext_noop("Dismiss")


def listing_item(advisory):
    note = " · ".join(
        [
            str(label(AdvisoryKind, advisory.kind)),
            countries_text(advisory.countries, limit=NOTE_COUNTRIES),
            date_format(advisory.issued, "DATE_FORMAT"),
        ]
    )
    return ListingItem(title=advisory.title, url=advisory.url, note=note, badge=str(label(Severity, advisory.severity)))


def _current_in(locale):
    return AdvisoryPage.objects.live().public().filter(locale=locale).current().newest_first().defer_streamfields()


def _index_url(locale):
    index_page = AdvisoryIndexPage.objects.live().filter(locale=locale).first()
    return index_page.url if index_page else ""


@hooks.register(HOME_SECTIONS_HOOK)
def latest_advisories(locale):
    with override(locale.language_code):
        advisories = list(_current_in(locale)[:HOME_ITEMS])
        return Listing(
            key="advisories",
            title=_("Latest advisories"),
            items=[listing_item(advisory) for advisory in advisories],
            more_url=_index_url(locale),
            empty_text=_("There are no current advisories."),
            order=10,
        )


@hooks.register(COUNTRY_HUB_HOOK)
def advisories_for_country(country_code, locale):
    if not is_country_code(country_code):
        return None
    with override(locale.language_code):
        advisories = list(_current_in(locale).concerning(country_code)[:COUNTRY_ITEMS])
        index_url = _index_url(locale)
        return Listing(
            key="advisories",
            title=_("Current advisories"),
            items=[listing_item(advisory) for advisory in advisories],
            more_url=f"{index_url}?country={country_code}" if index_url else "",
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


@hooks.register(SITE_BANNERS_HOOK)
def current_alert(request):
    """The newest current alert in the page's language that this visitor has
    not dismissed (the cookie is read here and again by banners.js, so a
    cached page behaves the same)."""
    alert = (
        AdvisoryPage.objects.live()
        .public()
        .filter(locale__language_code=get_language(), severity=Severity.ALERT)
        .exclude(translation_key__in=_dismissed_translation_keys(request))
        .current()
        .newest_first()
        .defer_streamfields()
        .first()
    )
    if alert is None:
        return None
    return Banner(
        key=alert.banner_key,
        text=alert.title,
        url=alert.get_url(request),
        level="alert",
        dismiss_url=reverse("advisories:dismiss-banner"),
    )


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")

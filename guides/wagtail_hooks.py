"""The guides app's part in the cross-app interface (core.areas, core.related).

Guides register no country-hub listing: a guide page *is* the hub. They tell
other apps where each country's guide is, so an advisory or an event can say
"read the guide to Cambodia" without importing this app.
"""

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import hooks

from core.areas import CONTENT_AREAS_HOOK
from core.links import absolute_url
from core.related import COUNTRY_GROUPS_HOOK, COUNTRY_GUIDES_HOOK, FOLLOW_DIGEST_HOOK, Listing, ListingItem
from core.vocabularies import DigestTopic
from guides import changelog
from guides.area import AREA


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA


@hooks.register(COUNTRY_GUIDES_HOOK)
def country_guides(locale):
    guides = AREA.public(locale).only("id", "url_path", "country")
    return {guide.country: guide.get_url() for guide in guides}


@hooks.register(COUNTRY_GROUPS_HOOK)
def regions_and_blocs():
    """Regions and blocs (RCEP …) hold the countries whose guides say so (in the
    source language: the classification is synchronised to translations)."""
    groups = {}
    for country, region, initiatives in AREA.public().values_list("country", "region", "initiatives"):
        for key in (region, *(initiatives or [])):
            groups.setdefault(key, set()).add(country)
    return groups


@hooks.register(FOLLOW_DIGEST_HOOK)
def guide_changes(country_codes, locale, since, until):
    guides = AREA.concerning_any(AREA.public(locale), country_codes).defer_streamfields()
    changes = list(changelog.changes_between(guides, since, until))
    with translation.override(locale.language_code):
        items = [
            ListingItem(
                title=f"{change.guide.country_label()}: {line.text}",
                url=absolute_url(change.guide) or "",
                note=date_format(line.changed_on, "DATE_FORMAT"),
            )
            for change in changes
            if (line := changelog.describe(change))
        ]
        return Listing(key=DigestTopic.GUIDE_CHANGES, title=_("Changes to country guides"), items=items, order=10)

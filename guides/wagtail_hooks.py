"""The guides app's part in the cross-app interface (core.areas, core.related).

Guides register no country-hub listing: a guide page *is* the hub. They tell
other apps where each country's guide is, so an advisory or an event can say
"read the guide to Cambodia" without importing this app. On the dashboard,
editors and reviewers see the guides past their review date.
"""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.areas import CONTENT_AREAS_HOOK
from core.dashboard import LIMIT, DashboardPanel, Item, first_and_total
from core.links import absolute_url
from core.related import (
    COUNTRY_GROUPS_HOOK,
    COUNTRY_GUIDES_HOOK,
    EMERGENCY_CARDS_HOOK,
    FOLLOW_DIGEST_HOOK,
    POLICY_CITATIONS_HOOK,
    Listing,
    ListingItem,
)
from core.roles import EDITORS, REVIEWERS
from core.vocabularies import DigestTopic
from guides import changelog, freshness, staleness
from guides.area import AREA
from guides.models import EmergencyCard

STALE_AFTER = freshness.STALE_AFTER_MONTHS


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA


@hooks.register(COUNTRY_GUIDES_HOOK)
def country_guides(locale):
    guides = AREA.public(locale).only("id", "url_path", "country")
    return {guide.country: guide.get_url() for guide in guides}


class GuidesToReviewPanel(DashboardPanel):
    """Guides whose last review is twelve months old or more (guides.freshness),
    the longest overdue first."""

    name = "guides_to_review"
    order = 110
    heading = gettext_lazy("Guides past their review date")
    empty_text = gettext_lazy("Every guide was reviewed in the last twelve months.")
    groups = (EDITORS, REVIEWERS)

    def items(self):
        overdue = (
            AREA.model.objects.live()
            .filter(locale=Locale.get_default(), reviewed__lte=freshness.add_months(freshness.today(), -STALE_AFTER))
            .order_by("reviewed", "pk")
        )
        return first_and_total(
            overdue,
            lambda guide: Item(
                url=reverse("wagtailadmin_pages:edit", args=[guide.pk]),
                title=guide.title,
                detail=_("Last reviewed %(date)s") % {"date": guide.reviewed.isoformat()},
            ),
        )


class EmergencyCardsToReviewPanel(DashboardPanel):
    """Emergency cards not reviewed for six months (guides.staleness, the rule
    the Out of date report applies), the longest overdue first."""

    name = "emergency_cards_to_review"
    order = 111
    heading = gettext_lazy("Emergency cards not reviewed")
    empty_text = gettext_lazy("Every emergency card was reviewed in the last six months.")
    groups = (EDITORS, REVIEWERS)

    def items(self):
        overdue = list(staleness.stale_cards(freshness.today()))
        shown = [
            Item(url=card.edit_url, title=card.title, detail=_("Review was due %(date)s") % {"date": card.due})
            for card in overdue[:LIMIT]
        ]
        return shown, len(overdue)

    def more_url(self):
        return reverse("guides_stale_report")


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(GuidesToReviewPanel(request))
    panels.append(EmergencyCardsToReviewPanel(request))


@hooks.register(POLICY_CITATIONS_HOOK)
def guides_citing(policy, locale):
    return AREA.citing_listing(policy, locale, gettext_lazy("Country guides that cite it"), order=10)


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


class EmergencyCardViewSet(SnippetViewSet):
    model = EmergencyCard
    icon = "warning"
    menu_label = gettext_lazy("Emergency cards")
    add_to_admin_menu = True
    menu_order = 290
    list_display = ["__str__", "reviewed"]


register_snippet(EmergencyCardViewSet)


@hooks.register(EMERGENCY_CARDS_HOOK)
def emergency_card_urls(locale):
    """{country code: URL of its emergency card page in `locale`}: events link it in confirmations."""
    index = AREA.index_page(locale)
    if index is None:
        return {}
    countries = EmergencyCard.objects.filter(locale=locale).values_list("country", flat=True)
    return {country: index.emergency_card_url(country) for country in countries}


def stale_report(request):
    return TemplateResponse(request, "guides/admin/stale_report.html", {"items": staleness.stale_for_editors()})


@hooks.register("register_admin_urls")
def stale_report_url():
    return [path("reports/out-of-date/", stale_report, name="guides_stale_report")]


@hooks.register("register_reports_menu_item")
def stale_report_menu_item():
    return MenuItem(gettext_lazy("Out of date"), reverse("guides_stale_report"), icon_name="warning", order=900)

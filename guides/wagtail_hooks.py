"""The guides app's part in the cross-app interface (core.areas, core.related).

Guides register no country-hub listing: a guide page *is* the hub. They tell
other apps where each country's guide is, so an advisory or an event can say
"read the guide to Cambodia" without importing this app. On the dashboard,
editors and reviewers see the guides past their review date.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Locale

from core.areas import CONTENT_AREAS_HOOK
from core.dashboard import DashboardPanel, Item, first_and_total
from core.related import COUNTRY_GUIDES_HOOK
from core.roles import EDITORS, REVIEWERS
from guides import freshness
from guides.area import AREA

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


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(GuidesToReviewPanel(request))

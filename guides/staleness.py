"""What editors should review: emergency cards not reviewed for six months,
and guides that the public site marks as out of date (last reviewed twelve
months ago or more, guides.freshness) or with a fact verified longer ago than
that interval or recorded without a verification date.

`stale_for_editors()` is what the admin report (Reports > Out of date) lists;
the editors' dashboard shows the cards from `stale_cards` and the guides past
their review date by the same freshness rule.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.vocabularies import country_name
from guides import freshness
from guides.facts import FACT_LABELS, FACT_NAMES
from guides.models import CountryGuidePage, EmergencyCard


@dataclass(frozen=True)
class StaleItem:
    kind: str  # "emergency-card" or "guide"
    title: str
    reason: str
    due: date | None  # when the review fell due (None: never verified)
    edit_url: str


def stale_cards(today):
    for card in EmergencyCard.objects.filter(locale=Locale.get_default()).order_by("reviewed"):
        if card.is_stale(today):
            yield StaleItem(
                kind="emergency-card",
                title=str(card),
                reason=_("Not reviewed for six months"),
                due=card.review_due(),
                edit_url=reverse("wagtailsnippets_guides_emergencycard:edit", args=[card.pk]),
            )


def stale_guides(today):
    guides = CountryGuidePage.objects.filter(locale=Locale.get_default()).defer_streamfields().order_by("path")
    for guide in guides:
        reasons, due_dates = [], []
        if guide.is_stale(today):  # the rule behind the public "may be out of date" notice
            reasons.append(_("Last reviewed %(date)s") % {"date": guide.reviewed.isoformat()})
            due_dates.append(guide.stale_since)
        overdue = []
        for name in FACT_NAMES:
            value, verified = getattr(guide, name), getattr(guide, f"{name}_verified")
            if value in (None, ""):
                continue
            due = freshness.stale_since(verified)
            if due is None or today >= due:
                overdue.append(str(FACT_LABELS[name]))
                due_dates.append(due)
        if overdue:
            reasons.append(_("Facts to verify again: %(facts)s") % {"facts": ", ".join(overdue)})
        if reasons:
            yield StaleItem(
                kind="guide",
                title=f"{guide.title} ({country_name(guide.country)})",
                reason=" · ".join(reasons),
                due=None if None in due_dates else min(due_dates),
                edit_url=reverse("wagtailadmin_pages:edit", args=[guide.pk]),
            )


def stale_for_editors(today=None):
    """Everything overdue for review, oldest first (never verified first of all)."""
    today = today or freshness.today()
    items = [*stale_cards(today), *stale_guides(today)]
    return sorted(items, key=lambda item: (item.due is not None, item.due or date.min))

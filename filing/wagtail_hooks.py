from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.dashboard import LIMIT, DashboardPanel, Item
from core.related import POLICY_CITATIONS_HOOK, Listing, ListingItem
from core.roles import EDITORS, REVIEWERS

from .models import Procedure, SensitiveCountry, SensitiveIndustry, Threshold

RULE_MODELS = (Procedure, Threshold, SensitiveIndustry, SensitiveCountry)


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "list-ol"
    list_display = ["name", "kind", "level", "applies_from", "live"]
    list_filter = ["kind", "level"]


class ThresholdViewSet(SnippetViewSet):
    model = Threshold
    icon = "order"
    list_display = ["name", "amount_million_usd", "applies_from", "live"]


class SensitiveIndustryViewSet(SnippetViewSet):
    model = SensitiveIndustry
    icon = "warning"
    list_display = ["__str__", "applies_from", "live"]


class SensitiveCountryViewSet(SnippetViewSet):
    model = SensitiveCountry
    icon = "site"
    list_display = ["__str__", "applies_from", "live"]


class FilingRulesGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Filing navigator")
    menu_icon = "list-ol"
    menu_order = 295
    items = (ProcedureViewSet, ThresholdViewSet, SensitiveIndustryViewSet, SensitiveCountryViewSet)


register_snippet(FilingRulesGroup)


def edit_url(rule):
    return reverse(f"wagtailsnippets_filing_{rule._meta.model_name}:edit", args=[rule.pk])


class RepealedCitationsPanel(DashboardPanel):
    """Navigator rules (in the source language, where they are maintained) that
    cite a repealed policy: the navigator no longer applies them until an editor
    cites the policy that replaced it. One query per rule model."""

    name = "filing_repealed_citations"
    order = 115
    heading = gettext_lazy("Navigator rules citing a repealed policy")
    empty_text = gettext_lazy("Every navigator rule cites a policy in force.")
    groups = (EDITORS, REVIEWERS)

    def items(self):
        source = Locale.get_default()
        rules = []
        for model in RULE_MODELS:
            found = model.objects.citing_repealed().select_related("policy").order_by("pk")
            if model is not Threshold:
                found = found.filter(locale=source)
            rules.extend(found)
        shown = [
            Item(
                url=edit_url(rule),
                title=f"{rule._meta.verbose_name}: {rule}",
                detail=_("Not applied: %(policy)s is repealed") % {"policy": rule.policy.title},
            )
            for rule in rules[:LIMIT]
        ]
        return shown, len(rules)


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(RepealedCitationsPanel(request))


@hooks.register(POLICY_CITATIONS_HOOK)
def procedures_citing(policy, locale):
    """The policy library's "cited by": the navigator's published procedures in
    `locale` that come from this document (rules cite the source-language page,
    so any translation of it counts), each linking to the navigator."""
    procedures = Procedure.objects.filter(
        live=True, locale=locale, policy__translation_key=policy.translation_key
    ).order_by("sort_order", "name")
    with override(locale.language_code):
        start = reverse("filing:start")
        items = [ListingItem(title=procedure.name, url=start, note=procedure.authority) for procedure in procedures]
        return Listing(key="filing", title=_("Filing navigator procedures that come from it"), items=items, order=30)

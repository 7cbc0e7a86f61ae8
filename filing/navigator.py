"""The navigator's answer: which procedures apply to a project, from the rules in force.

Decided with the rules of the source language (where editors maintain them:
their conditions and numbers are synchronised to the translations), told with
the texts of their translation in the visitor's language when it is published
(the source's otherwise). A procedure that depends on a threshold applies only
while the threshold itself is in force."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.coreutils import get_supported_content_language_variant

from .models import AmountCondition, Procedure, SensitiveCountry, SensitiveIndustry, Sensitivity, Threshold


@dataclass
class Answers:
    investor: str
    country: str
    industry: str
    amount: object  # Decimal, US$ million
    mode: str
    financing: str


@dataclass
class Outcome:
    procedures: list = field(default_factory=list)
    sensitive_countries: list = field(default_factory=list)
    sensitive_industries: list = field(default_factory=list)

    @property
    def sensitive(self):
        return bool(self.sensitive_countries or self.sensitive_industries)

    @property
    def citations(self):
        """Every policy the outcome rests on, once, in order of first citation."""
        seen = {}
        for rule in [*self.sensitive_countries, *self.sensitive_industries, *self.procedures]:
            if rule.policy_id is not None:
                seen.setdefault(rule.policy_id, rule.policy)
        return list(seen.values())


def _amount_matches(procedure, amount):
    if procedure.amount_condition == AmountCondition.ANY:
        return True
    if procedure.threshold is None or not procedure.threshold_in_force:  # the rule cannot be decided
        return False
    threshold = procedure.threshold
    if procedure.amount_condition == AmountCondition.AT_OR_ABOVE:
        return amount >= threshold.amount_million_usd
    return amount < threshold.amount_million_usd


def applies(procedure, answers, sensitive):
    if procedure.investor_types and answers.investor not in procedure.investor_types:
        return False
    if procedure.modes and answers.mode not in procedure.modes:
        return False
    if procedure.financings and answers.financing not in procedure.financings:
        return False
    if procedure.sensitivity == Sensitivity.SENSITIVE and not sensitive:
        return False
    if procedure.sensitivity == Sensitivity.NOT_SENSITIVE and sensitive:
        return False
    return _amount_matches(procedure, answers.amount)


def in_language(items, locale, *related):
    """The published translation of each item (rules, policy pages) in `locale`,
    or the item itself (one query; none when they are in `locale` already)."""
    if not items or items[0].locale_id == locale.pk:
        return items
    model = type(items[0])
    translations = {
        item.translation_key: item
        for item in model.objects.filter(
            locale=locale, live=True, translation_key__in=[item.translation_key for item in items]
        ).select_related(*related)
    }
    return [translations.get(item.translation_key, item) for item in items]


def navigate(answers, locale):
    """The Outcome for `answers`, its texts in `locale`."""
    # The source language's rules, by its code (a join, not a query for the Locale).
    in_force = {"locale__language_code": get_supported_content_language_variant(settings.LANGUAGE_CODE)}
    countries = list(
        SensitiveCountry.objects.in_force().filter(country=answers.country, **in_force).select_related("policy")
    )
    industries = list(
        SensitiveIndustry.objects.in_force().filter(sector=answers.industry, **in_force).select_related("policy")
    )
    sensitive = bool(countries or industries)
    candidates = (
        Procedure.objects.in_force()
        .filter(**in_force)
        .select_related("policy", "threshold")
        .annotate(threshold_in_force=Exists(Threshold.objects.in_force().filter(pk=OuterRef("threshold"))))
    )
    procedures = [procedure for procedure in candidates if applies(procedure, answers, sensitive)]
    return Outcome(
        procedures=in_language(procedures, locale, "policy"),
        sensitive_countries=in_language(countries, locale, "policy"),
        sensitive_industries=in_language(industries, locale, "policy"),
    )

"""The navigator's demo rules (rules.json): the national rules as they stand,
in Simplified Chinese with English translations, loaded by `load_demo` after
the demo content (whose policy library they cite by document number).

The content bundle does not carry navigator rules, so they are loaded here,
through the same models and workflow objects an editor uses: each rule is
published as a revision, its translation made through wagtail-localize.
Idempotent: a rule already there (same kind and order, threshold name, sector
or country in the source language) is left as the editors have it."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from core.translation import translate
from filing.models import Procedure, SensitiveCountry, SensitiveIndustry, Threshold

RULES_FILE = Path(__file__).with_name("rules.json")


def _policy(document_number, source):
    from django.apps import apps

    PolicyPage = apps.get_model("policies", "PolicyPage")
    return PolicyPage.objects.filter(locale=source, document_number=document_number).first()


def _publish(rule):
    rule.save()
    rule.save_revision().publish()
    return rule


def _common(data, source):
    return {
        "applies_from": datetime.date.fromisoformat(data["applies_from"]),
        "policy": _policy(data["policy"], source),
    }


@transaction.atomic
def load_demo_rules():
    """Summary lines of what was created."""
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    source = Locale.get_default()
    english = Locale.objects.filter(language_code="en").first()
    created = {"thresholds": 0, "sensitive industries": 0, "sensitive countries": 0, "procedures": 0}
    thresholds = {}
    for item in data["thresholds"]:
        threshold = Threshold.objects.filter(name=item["name"]).first()
        if threshold is None:
            threshold = _publish(
                Threshold(
                    name=item["name"], amount_million_usd=Decimal(item["amount_million_usd"]), **_common(item, source)
                )
            )
            created["thresholds"] += 1
        thresholds[item["key"]] = threshold

    def add(model, lookup, values, texts, counter):
        if model.objects.filter(locale=source, **lookup).exists():
            return
        rule = _publish(model(locale=source, **lookup, **values, **texts["zh"]))
        if english is not None:
            translate(rule, english, texts["en"])
        created[counter] += 1

    for item in data["sensitive_industries"]:
        texts = {language: {"reason": item[language]} for language in ("zh", "en")}
        add(SensitiveIndustry, {"sector": item["sector"]}, _common(item, source), texts, "sensitive industries")
    for item in data["sensitive_countries"]:
        texts = {language: {"reason": item[language]} for language in ("zh", "en")}
        add(SensitiveCountry, {"country": item["country"]}, _common(item, source), texts, "sensitive countries")
    for item in data["procedures"]:
        values = {
            **_common(item, source),
            "level": item["level"],
            "sort_order": item["sort_order"],
            "investor_types": item.get("investor_types", []),
            "modes": item.get("modes", []),
            "financings": item.get("financings", []),
            "sensitivity": item.get("sensitivity", "any"),
            "threshold": thresholds.get(item.get("threshold")),
            "amount_condition": item.get("amount_condition", "any"),
            "local_office_is_example": item.get("local_office_is_example", False),
        }
        values.pop("sort_order")
        add(Procedure, {"kind": item["kind"], "sort_order": item["sort_order"]}, values, item, "procedures")
    return [f"navigator rules: {count} {name} created" for name, count in created.items()]

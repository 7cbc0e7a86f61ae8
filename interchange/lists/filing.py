"""The filing navigator's rules (format 1.1; filing.models): thresholds,
sensitive industries and countries, procedures. Workflow snippets: imported
rules are saved with a revision and published (live), as a reviewer's
approval publishes them, so the navigator applies them at once; under
--draft new rules arrive as unpublished drafts and changes are held back.

Each rule cites its policy document by the policies list's key and carries
the date from which it applies. Thresholds are numbers, one row for every
language (no translations); the others are translatable, their texts in
each translation. A procedure names its threshold by the threshold's key."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import ListAdapter
from .policies import key_of_policy, policy_of_key

RULE_FIELDS = {"applies_from": "applies_from", "policy": "policy"}


class RuleList(ListAdapter):
    is_page = False
    defaults = {"policy": None}
    draft_values = {"live": False}  # a new rule arrives as a draft, not applied until published
    no_drafts_note = gettext_lazy("held back: a published navigator rule is changed by an import without --draft")

    def public(self, queryset):
        return queryset.filter(live=True)

    def export_item(self, key, source, translations):
        """Fields at their default are left out, as a hand-written bundle would (the demo's)."""
        item = self.item(key, source, translations)
        exported = {
            name: value for name, value in item.items() if name not in self.defaults or value != self.defaults[name]
        }
        for code, texts in item.get("translations", {}).items():
            exported["translations"][code] = {
                name: value
                for name, value in texts.items()
                if name not in self.text_defaults or value != self.text_defaults[name]
            }
        return exported

    def to_model_value(self, bundle_name, value, item):
        if bundle_name == "policy":
            return None if value is None else policy_of_key(value, "policy")
        return super().to_model_value(bundle_name, value, item)

    def to_bundle_value(self, bundle_name, value, instance):
        if bundle_name == "policy":
            return None if value is None else key_of_policy(value)
        return super().to_bundle_value(bundle_name, value, instance)


class KeyedRuleList(RuleList):
    """Rules matched by a `key` of their own (filing.models' bundle key); one
    made in the admin has none, and is exported as `<prefix>-<id>`."""

    key_prefix = ""

    def export_key(self, source):
        return source.key or f"{self.key_prefix}-{source.pk}"


class ThresholdList(KeyedRuleList):
    name = "filing_thresholds"
    model_label = "filing.Threshold"
    translatable = False
    key_prefix = "threshold"
    shared_fields = {"name": "name", "amount_million_usd": "amount_million_usd", **RULE_FIELDS}

    def to_model_value(self, bundle_name, value, item):
        if bundle_name == "amount_million_usd":
            return Decimal(str(value))
        return super().to_model_value(bundle_name, value, item)

    def to_bundle_value(self, bundle_name, value, instance):
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return super().to_bundle_value(bundle_name, value, instance)

    def item(self, key, source, translations):
        return {"key": key, **self.shared_item(source)}


class SensitiveIndustryList(RuleList):
    name = "filing_sensitive_industries"
    model_label = "filing.SensitiveIndustry"
    shared_fields = {"sector": "sector", **RULE_FIELDS}
    text_fields = {"reason": "reason"}

    def item(self, key, source, translations):
        item = super().item(key, source, translations)
        del item["key"]  # the sector is the key
        return item


class SensitiveCountryList(SensitiveIndustryList):
    name = "filing_sensitive_countries"
    model_label = "filing.SensitiveCountry"
    shared_fields = {"country": "country", **RULE_FIELDS}


class ProcedureList(KeyedRuleList):
    name = "filing_procedures"
    model_label = "filing.Procedure"
    key_prefix = "procedure"
    shared_fields = {
        "kind": "kind",
        "level": "level",
        "sort_order": "sort_order",
        "investor_types": "investor_types",
        "modes": "modes",
        "financings": "financings",
        "sensitivity": "sensitivity",
        "threshold": "threshold",
        "amount_condition": "amount_condition",
        **RULE_FIELDS,
        "online_system_url": "online_system_url",
        "local_office_is_example": "local_office_is_example",
    }
    text_fields = {
        "name": "name",
        "authority": "authority",
        "why": "why",
        "documents": "documents",
        "typical_time": "typical_time",
        "online_system": "online_system",
        "local_office": "local_office",
    }
    unordered_lists = ("investor_types", "modes", "financings")  # the model keeps them in vocabulary order
    defaults = {
        "sort_order": 0,
        "investor_types": [],
        "modes": [],
        "financings": [],
        "sensitivity": "any",
        "threshold": None,
        "amount_condition": "any",
        "policy": None,
        "online_system_url": "",
        "local_office_is_example": False,
    }
    text_defaults = {"why": "", "documents": [], "typical_time": "", "online_system": "", "local_office": ""}

    def to_model_value(self, bundle_name, value, item):
        if bundle_name == "threshold" and value is not None:
            return _threshold_of_key(value)
        return super().to_model_value(bundle_name, value, item)

    def to_bundle_value(self, bundle_name, value, instance):
        if bundle_name == "threshold" and value is not None:
            return ThresholdList().export_key(value)
        return super().to_bundle_value(bundle_name, value, instance)

    # The documents are a list in the bundle, one a line in the model.
    def text_values(self, texts):
        values = super().text_values(texts)
        values["documents"] = "\n".join(values["documents"])
        return values

    def texts_item(self, instance):
        texts = super().texts_item(instance)
        texts["documents"] = instance.document_list()
        return texts


def _threshold_of_key(key):
    threshold = ThresholdList().model.objects.filter(key=key).first()
    if threshold is None:
        message = _("there is no navigator threshold with the key %(key)s, in the bundle or on the site")
        raise ValidationError({"threshold": message % {"key": f"'{key}'"}})
    return threshold

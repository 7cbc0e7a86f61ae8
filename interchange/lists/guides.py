from decimal import Decimal

from .base import ListAdapter, SectionsMapping

FACT_FIELDS = ("capital", "currency", "population_millions", "gdp_usd_billions", "time_zone")
NUMBER_FACTS = ("population_millions", "gdp_usd_billions")
# Facts that are text in each language (format 1.1); the others are codes and
# numbers, which the site names and formats in the reader's language (CLDR).
TRANSLATED_FACTS = ("capital",)


class GuideList(ListAdapter):
    """Country guides: one ("section", {heading, body}) block per bundle section.

    The capital is a place name, so it is text in each language (format 1.1:
    `translations.<locale>.capital`). A translation that does not give one
    takes `facts.capital`, as every locale did in format 1; `facts.capital`
    is still written on export (the source language's name) for readers of
    format 1, and a translation's capital only where it differs from it.
    """

    name = "guides"
    model_label = "guides.CountryGuidePage"
    index_label = "guides.GuideIndexPage"
    shared_fields = {
        "country": "country",
        "region": "region",
        "initiatives": "initiatives",
        "sectors": "sectors",
        "risk_level": "risk_level",
        "reviewed": "reviewed",
    }
    text_fields = {"title": "title", "summary": "summary", "capital": "capital"}
    image_field = "lead_image"
    streams = (SectionsMapping("sections", "sections", "section"),)
    unordered_lists = ("initiatives", "sectors")  # kept in vocabulary order
    defaults = {"initiatives": [], "sectors": [], "facts": {}}
    text_defaults = {"summary": ""}

    def complete(self, item):
        item = super().complete(item)
        item["facts"] = {name: item["facts"].get(name) for name in FACT_FIELDS}
        for texts in item["translations"].values():
            texts.setdefault("capital", item["facts"]["capital"] or "")
        return item

    def shared_values(self, item):
        values = super().shared_values(item)
        for name, value in self.complete(item)["facts"].items():
            if name in TRANSLATED_FACTS:
                continue  # set from each translation's texts
            # An unknown number is null; an unknown text is blank.
            values[name] = value if name in NUMBER_FACTS else value or ""
        return values

    def shared_item(self, instance):
        item = super().shared_item(instance)
        item["facts"] = self._facts({name: getattr(instance, name) for name in FACT_FIELDS}, instance)
        return item

    def export_item(self, key, source, translations):
        """A translation's capital is written where it is not `facts.capital`
        (the source's), so a site imported from a format-1 bundle exports it
        unchanged."""
        item = self.item(key, source, translations)
        for texts in item["translations"].values():
            if texts["capital"] in ("", item["facts"]["capital"]):
                del texts["capital"]
        return item

    def comparable_shared(self, item):
        shared = super().comparable_shared(item)
        shared["facts"] = self._facts(item.get("facts") or {})
        for name in TRANSLATED_FACTS:
            del shared["facts"][name]  # compared with each translation's texts
        for name in NUMBER_FACTS:
            if shared["facts"][name] is not None:
                shared["facts"][name] = Decimal(str(shared["facts"][name]))
        return shared

    def _facts(self, values, instance=None):
        """Blank texts are unknown facts (null); 0 is a number, not unknown."""
        facts = {}
        for name in FACT_FIELDS:
            value = values.get(name)
            if name in NUMBER_FACTS:
                facts[name] = None if value is None else self.to_bundle_value(name, value, instance)
            else:
                facts[name] = value or None
        return facts

    def field_path(self, field_name, code):
        if field_name in FACT_FIELDS:
            return f".facts.{field_name}"
        return super().field_path(field_name, code)

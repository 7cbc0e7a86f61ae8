"""Emergency cards (format 1.1): one translatable snippet per country, matched
by its country. Numbers and dates are shared by every language; the missions
(the Chinese embassy and consulates) and the first steps are written in each
translation, as the admin shows them (guides.models.EmergencyCard)."""

import uuid

from django.utils.translation import gettext_lazy as _

from .base import ListAdapter, StreamMapping

MISSION_DEFAULTS = {"consular_phone": "", "hours": "", "district": ""}
MISSION_FIELDS = ("kind", "name", "address", "phone", "consular_phone", "hours", "district")


class MissionsMapping(StreamMapping):
    """`missions: [{kind, name, address, phone, …}]` ↔ one ("mission", {…}) block each."""

    def block_values(self, bundle_value):
        return [{**MISSION_DEFAULTS, **mission} for mission in bundle_value or []]

    def bundle_value(self, block_values):
        return [{name: value.get(name) or "" for name in MISSION_FIELDS} for value in block_values]

    def empty(self):
        return []

    def comparable(self, bundle_value):
        return [tuple(mission[name] for name in MISSION_FIELDS) for mission in self.block_values(bundle_value)]


def _step_texts(steps):
    """A ListBlock's items as text, whether stored with ids ({"type": "item", …}) or bare."""
    return [step["value"] if isinstance(step, dict) else step for step in steps or []]


class FirstStepsMapping(StreamMapping):
    """`first_steps: [{incident, steps: [text]}]` ↔ one ("incident", {…}) block each.

    A translation's steps take the ids of the source's, position by position:
    wagtail-localize pairs the texts of a list by item id."""

    def block_values(self, bundle_value, source_values=()):
        source_values = list(source_values)
        values = []
        for position, block in enumerate(bundle_value or []):
            source_steps = source_values[position].get("steps", []) if position < len(source_values) else []
            ids = [step.get("id") for step in source_steps if isinstance(step, dict)]
            steps = [
                {"type": "item", "value": text, "id": ids[index] if index < len(ids) else str(uuid.uuid4())}
                for index, text in enumerate(block["steps"])
            ]
            values.append({"incident": block["incident"], "steps": steps})
        return values

    def bundle_value(self, block_values):
        return [
            {"incident": value.get("incident", ""), "steps": _step_texts(value.get("steps"))} for value in block_values
        ]

    def empty(self):
        return []

    def comparable(self, bundle_value):
        return [(block["incident"], tuple(_step_texts(block["steps"]))) for block in bundle_value or []]

    def translated(self, source_blocks, existing_translation_blocks, bundle_value):
        source_values = [block["value"] for block in source_blocks if block["type"] == self.block_type]
        values = iter(self.block_values(bundle_value, source_values))
        blocks = [
            {"type": self.block_type, "value": value, "id": block["id"]}
            for block in source_blocks
            if block["type"] == self.block_type and (value := next(values, None)) is not None
        ]
        blocks.extend({"type": self.block_type, "value": value, "id": str(uuid.uuid4())} for value in values)
        return blocks


class EmergencyCardList(ListAdapter):
    name = "emergency_cards"
    model_label = "guides.EmergencyCard"
    is_page = False
    shared_fields = {
        "country": "country",
        "reviewed": "reviewed",
        "numbers_are_examples": "numbers_are_examples",
        "police": "police",
        "ambulance": "ambulance",
        "fire": "fire",
        "centre_incident_phone": "centre_incident_phone",
        "centre_incident_email": "centre_incident_email",
    }
    streams = (
        MissionsMapping("missions", "missions", "mission"),
        FirstStepsMapping("first_steps", "first_steps", "incident"),
    )
    text_order = ("missions", "first_steps")
    defaults = {
        "numbers_are_examples": False,
        "police": "",
        "ambulance": "",
        "fire": "",
        "centre_incident_phone": "",
        "centre_incident_email": "",
    }
    draft_values = None  # no draft state and no pending status: held back under --draft
    no_drafts_note = _("held back: emergency cards have no drafts; import without --draft")

    def public(self, queryset):
        return queryset  # every card is public

    def item(self, key, source, translations):
        item = super().item(key, source, translations)
        del item["key"]  # the country is the key
        return item

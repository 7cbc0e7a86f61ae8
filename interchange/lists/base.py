"""How one list of the bundle maps onto its model, both ways.

A list adapter knows three things about its model: which model fields the
item's shared (untranslated) fields go to, which fields each translation's
texts go to, and how a StreamField holds the bundle's rich text. The importer
and the exporter do the rest the same way for every list.

Converting is done on plain values (`shared_values`/`text_values` take
validated JSON, `shared_item`/`texts_item` read a model instance and give
JSON back), so comparing an existing item with an incoming one is comparing
two dicts (`comparable_shared`, `comparable_texts`).
"""

import uuid
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from ..images import comparable_image, image_from_bundle, image_to_bundle
from ..richtext import canonical_html, to_bundle_html, with_page_links
from ..validation import key_field


class StreamMapping:
    """Which blocks of a StreamField carry a bundle field.

    Only blocks of `block_type` belong to the bundle; other blocks (an
    editor's table, a document download) are kept in place on import and
    left out of the export.
    """

    def __init__(self, field_name, bundle_name, block_type):
        self.field_name = field_name
        self.bundle_name = bundle_name
        self.block_type = block_type

    def block_values(self, bundle_value):
        """The raw values of the bundle blocks, in order."""
        raise NotImplementedError

    def bundle_value(self, block_values):
        """The bundle field, from the raw values of the bundle blocks."""
        raise NotImplementedError

    def empty(self):
        raise NotImplementedError

    def comparable(self, bundle_value):
        raise NotImplementedError

    # ------------------------------------------------------------ raw stream data

    def raw_blocks(self, instance):
        value = getattr(instance, self.field_name)
        return [dict(block) for block in value.raw_data] if value is not None else []

    def read(self, instance):
        return self.bundle_value(
            [block["value"] for block in self.raw_blocks(instance) if block["type"] == self.block_type]
        )

    def merged(self, existing_blocks, bundle_value):
        """`existing_blocks` with the bundle blocks replaced by `bundle_value`'s,
        position by position (keeping block ids, so wagtail-localize keeps
        its segments); surplus bundle blocks go at the end."""
        values = iter(self.block_values(bundle_value))
        blocks = []
        for block in existing_blocks:
            if block["type"] != self.block_type:
                blocks.append(block)
                continue
            value = next(values, None)
            if value is not None:
                blocks.append({"type": self.block_type, "value": value, "id": block["id"]})
        blocks.extend({"type": self.block_type, "value": value, "id": str(uuid.uuid4())} for value in values)
        return blocks

    def translated(self, source_blocks, existing_translation_blocks, bundle_value):
        """A translation's stream: the source's block structure and ids, the
        bundle blocks filled with the translated values, other blocks taken
        from the existing translation (or the source, when it has none)."""
        values = iter(self.block_values(bundle_value))
        existing = {block.get("id"): block for block in existing_translation_blocks}
        blocks = []
        for block in source_blocks:
            if block["type"] == self.block_type:
                value = next(values, None)
                if value is not None:
                    blocks.append({"type": self.block_type, "value": value, "id": block["id"]})
            else:
                blocks.append(existing.get(block["id"], block))
        blocks.extend({"type": self.block_type, "value": value, "id": str(uuid.uuid4())} for value in values)
        return blocks


class SectionsMapping(StreamMapping):
    """`sections: [{"heading", "body"}]` ↔ one ("section", {heading, body}) block each."""

    def block_values(self, bundle_value):
        return [
            {"heading": section["heading"], "body": with_page_links(section["body"])} for section in bundle_value or []
        ]

    def bundle_value(self, block_values):
        return [
            {"heading": value.get("heading", ""), "body": to_bundle_html(value.get("body"))} for value in block_values
        ]

    def empty(self):
        return []

    def comparable(self, bundle_value):
        return [(section["heading"], canonical_html(section["body"])) for section in bundle_value or []]


class RichTextMapping(StreamMapping):
    """`body: "<p>…</p>"` ↔ one rich text block (several are joined on export)."""

    def block_values(self, bundle_value):
        return [with_page_links(bundle_value)] if bundle_value else []

    def bundle_value(self, block_values):
        return "".join(to_bundle_html(value) for value in block_values)

    def empty(self):
        return ""

    def comparable(self, bundle_value):
        return canonical_html(bundle_value)


class ListAdapter:
    name = ""  # the bundle list: "guides"
    model_label = ""  # "guides.CountryGuidePage"
    is_page = True
    translatable = True  # False: one row for every language, and no `translations` in the bundle
    # bundle field → model field, for fields outside `translations`
    shared_fields = {}
    # bundle field → model field, inside each translation (plain text)
    text_fields = {}
    streams = ()  # StreamMapping instances for rich text inside translations
    text_order = ()  # the order of a translation's fields in FORMAT.md, when not text fields then streams
    # bundle fields whose list order carries no meaning (the model sorts them)
    unordered_lists = ()
    defaults = {}  # bundle fields that may be left out, with their value then
    text_defaults = {}
    # Format 1.1: the model's image placement ("lead_image"), the same name in
    # the bundle, with its texts (<field>_alt …) in each translation; left out
    # of an export when empty, so a bundle without images stays version 1.
    image_field = None
    image_texts = ("alt", "caption", "credit")

    def __init__(self):
        self._model = None

    @property
    def model(self):
        if self._model is None:
            self._model = apps.get_model(self.model_label)
        return self._model

    @property
    def key_field(self):
        """The field (in the bundle and on a snippet) an item is matched by."""
        return key_field(self.name)

    def is_available(self):
        try:
            return self.model is not None
        except LookupError:
            return False

    # ------------------------------------------------------------ bundle → model

    def import_order(self, items):
        """(index in the bundle, item) pairs in the order to import them: the bundle's own."""
        return list(enumerate(items))

    def model_field(self, bundle_name):
        return self.model._meta.get_field(self.shared_fields[bundle_name])

    def to_model_value(self, bundle_name, value, item):
        """A shared bundle value as the model field wants it."""
        if value is None:
            return None
        field = self.model_field(bundle_name)
        if isinstance(field, models.DateTimeField):
            return datetime.fromisoformat(value)
        if isinstance(field, models.DateField):
            return date.fromisoformat(value)
        return value

    def shared_values(self, item):
        """{model field: value} for the fields shared by every locale."""
        item = self.complete(item)
        values = {
            field: self.to_model_value(name, item[name], item)
            for name, field in self.shared_fields.items()
            if field is not None
        }
        if self.image_field:
            image = item.get(self.image_field)
            values[self.image_field] = image_from_bundle(image)
            values[f"{self.image_field}_decorative"] = bool(image and image.get("decorative"))
        return values

    @property
    def image_text_fields(self):
        return [f"{self.image_field}_{text}" for text in self.image_texts] if self.image_field else []

    def text_values(self, texts):
        """{model field: value} for one locale's plain texts."""
        texts = {**self.text_defaults, **texts}
        values = {field: texts[name] for name, field in self.text_fields.items()}
        values.update({name: texts.get(name) or "" for name in self.image_text_fields})
        return values

    def complete(self, item):
        """The item with every optional field filled in with its default."""
        completed = {**self.defaults, **item}
        if self.translatable:
            completed["translations"] = {
                code: {**self.text_defaults, **{m.bundle_name: m.empty() for m in self.streams}, **texts}
                for code, texts in item["translations"].items()
            }
        return completed

    # ------------------------------------------------------------ model → bundle

    def to_bundle_value(self, bundle_name, value, instance):
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)  # 46, not 46.0
        if isinstance(value, datetime):
            return value.astimezone(self.time_zone_of(instance)).isoformat()
        if isinstance(value, date):
            return value.isoformat()
        return value

    def time_zone_of(self, instance):
        from zoneinfo import ZoneInfo

        return ZoneInfo(settings.TIME_ZONE)

    def shared_item(self, instance):
        item = {
            name: self.to_bundle_value(name, getattr(instance, field), instance)
            for name, field in self.shared_fields.items()
            if field is not None
        }
        if self.image_field and getattr(instance, f"{self.image_field}_id"):
            decorative = getattr(instance, f"{self.image_field}_decorative")
            item[self.image_field] = image_to_bundle(getattr(instance, self.image_field), decorative)
        return item

    def texts_item(self, instance):
        texts = {name: getattr(instance, field) or "" for name, field in self.text_fields.items()}
        # Internal links resolve to the linked page in the active language:
        # in the language of the text itself, so a Chinese page links to Chinese pages.
        with translation.override(instance.locale.language_code):
            for mapping in self.streams:
                texts[mapping.bundle_name] = mapping.read(instance)
        order = self.text_order or tuple(texts)
        ordered = {name: texts[name] for name in order}
        ordered.update({name: getattr(instance, name) for name in self.image_text_fields if getattr(instance, name)})
        return ordered

    def item(self, key, source, translations):
        """The bundle item for `source` and its {locale code: instance} translations."""
        item = {"key": key, **self.shared_item(source)}
        item["translations"] = {source.locale.language_code: self.texts_item(source)}
        for code, instance in translations.items():
            item["translations"][code] = self.texts_item(instance)
        return item

    def export_item(self, key, source, translations):
        """The item as the export writes it (`item`, unless a list leaves out what the format lets it)."""
        return self.item(key, source, translations)

    # ------------------------------------------------------------ comparing

    def comparable_shared(self, item):
        """The shared part of a (completed) item, in a form where equal means
        the same content: unordered lists sorted, date-times as instants."""
        shared = {name: item.get(name) for name in self.shared_fields if self.shared_fields[name] is not None}
        for name in self.unordered_lists:
            shared[name] = sorted(shared[name] or [])
        for name, value in shared.items():
            if isinstance(value, str) and isinstance(self.model_field(name), models.DateTimeField):
                shared[name] = datetime.fromisoformat(value)  # the same instant, whatever the offset
        if self.image_field:
            shared[self.image_field] = comparable_image(item.get(self.image_field))
        return shared

    def comparable_texts(self, texts):
        """One locale's texts, rich text in one spelling."""
        texts = {**self.text_defaults, **texts}
        comparable = {name: texts.get(name) or "" for name in [*self.text_fields, *self.image_text_fields]}
        for mapping in self.streams:
            comparable[mapping.bundle_name] = mapping.comparable(texts.get(mapping.bundle_name))
        return comparable

    # ------------------------------------------------------------ writing

    # Field values that keep a new snippet out of public view under --draft;
    # None: the model has no such state, so new items are held back too.
    draft_values = {}
    no_drafts_note = ""  # snippets: why a change is held back under --draft

    def find_source(self, key, source_locale):
        """The snippet (in the source locale, when translatable) a bundle key names, or None."""
        snippets = self.model.objects.filter(**{self.key_field: key})
        return (snippets.filter(locale=source_locale) if self.translatable else snippets).first()

    def export_key(self, source):
        """A snippet's key in the export (pages are keyed by their ImportKey or slug)."""
        return getattr(source, self.key_field, None) or source.slug

    def public(self, queryset):
        """What the public sees of `queryset` (what the export writes)."""
        return queryset.live() if self.is_page else queryset.listed()

    def new_instance(self, item, texts):
        """An unsaved source-locale instance for a new item."""
        instance = self.model(**self.shared_values(item), **self.text_values(texts))
        for mapping in self.streams:
            setattr(instance, mapping.field_name, mapping.merged([], texts.get(mapping.bundle_name)))
        return instance

    def apply_source(self, instance, item, texts):
        for field, value in {**self.shared_values(item), **self.text_values(texts)}.items():
            setattr(instance, field, value)
        for mapping in self.streams:
            merged = mapping.merged(mapping.raw_blocks(instance), texts.get(mapping.bundle_name))
            setattr(instance, mapping.field_name, merged)

    def translated_values(self, source, existing_translation, texts):
        """{field: value} for wagtail-localize (translated fields only)."""
        values = self.text_values(texts)
        for mapping in self.streams:
            existing = mapping.raw_blocks(existing_translation) if existing_translation is not None else []
            values[mapping.field_name] = mapping.translated(
                mapping.raw_blocks(source), existing, texts.get(mapping.bundle_name)
            )
        return values

    def field_path(self, field_name, code):
        """The JSON path (after the item's) that a model field's error belongs to."""
        for name, field in self.shared_fields.items():
            if field == field_name:
                return f".{name}"
        for name, field in self.text_fields.items():
            if field == field_name:
                return f".translations.{code}.{name}"
        for mapping in self.streams:
            if mapping.field_name == field_name:
                return f".translations.{code}.{mapping.bundle_name}"
        if field_name in self.image_text_fields:
            return f".translations.{code}.{field_name}"
        if field_name == self.image_field:
            return f".{field_name}"
        return ""

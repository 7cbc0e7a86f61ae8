"""Writing the live site out as a bundle (the format import_content reads).

Only what the public can see is exported: live pages and their live
translations, listed directory entries. Ordering, which the format leaves
open, is fixed so that two exports of the same content are byte-identical:
items by key; translations source locale first, then the order of
settings.LANGUAGES; fields in the order of FORMAT.md; lists the models keep
sorted (a guide's initiatives and sectors in vocabulary order, an
advisory's countries alphabetically) in that order, others as stored.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.models import Locale

from .images import IMAGE_FIELDS
from .lists import ADAPTERS
from .models import ImportKey
from .validation import FORMAT, FORMATS, LISTS, LISTS_1_1


def export_bundle(lists=LISTS):
    source_locale = Locale.get_default()
    language_order = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}
    bundle = {"format": FORMAT}
    for name in lists:
        adapter = ADAPTERS[name]
        if not adapter.is_available():
            continue
        items = _export_list(adapter, source_locale, language_order)
        if items or name not in LISTS_1_1:  # a site without cards, policies or rules exports a version-1 bundle
            bundle[name] = items
    if _uses_format_1_1(bundle, lists):
        bundle["format"] = FORMATS[-1]
    return bundle


def _uses_format_1_1(bundle, lists):
    """Images, a capital named per language, emergency cards, policies or navigator rules
    (interchange/README.md, format 1.1)."""
    if any(bundle.get(name) for name in LISTS_1_1):
        return True
    for name in lists:
        for item in bundle.get(name, []):
            if item.get(IMAGE_FIELDS[name]):
                return True
            if any("capital" in translation for translation in item.get("translations", {}).values()):
                return True
    return False


def _public(adapter, queryset):
    return adapter.public(queryset).select_related("locale")


def _export_list(adapter, source_locale, language_order):
    model = adapter.model
    if not adapter.translatable:  # one row for every language
        items = [
            adapter.export_item(adapter.export_key(source), source, {})
            for source in adapter.public(model.objects.all())
        ]
        return sorted(items, key=lambda item: item[adapter.key_field])
    sources = list(_public(adapter, model.objects.filter(locale=source_locale)))
    translation_keys = [source.translation_key for source in sources]
    translations = defaultdict(dict)
    others = _public(adapter, model.objects.filter(translation_key__in=translation_keys).exclude(locale=source_locale))
    for instance in others:
        translations[instance.translation_key][instance.locale.language_code] = instance
    keys = {}
    if adapter.is_page:
        keys = dict(
            ImportKey.objects.filter(list_name=adapter.name, translation_key__in=translation_keys).values_list(
                "translation_key", "key"
            )
        )
    items = []
    used = set()
    for source in sources:
        key = keys.get(source.translation_key) or adapter.export_key(source)
        if key in used:  # two pages with one slug under different parents
            key = f"{key}-{source.pk}"
        used.add(key)
        ordered = dict(sorted(translations[source.translation_key].items(), key=lambda p: language_order.get(p[0], 99)))
        items.append(adapter.export_item(key, source, ordered))
    return sorted(items, key=lambda item: item[adapter.key_field])

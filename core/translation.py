"""Publish a translation of a page or snippet through wagtail-localize.

Given the source object and the translated field values, this records the
translated strings as wagtail-localize StringTranslations and saves the target
with `Translation.save_target`, so the result is a real wagtail-localize
translation: `get_translations()` links the two and translators can keep
editing it in the translation editor.

`active_translation` and `untranslated_count` are what the admin checks
before a translation is published with source text in it (core.wagtail_hooks).
"""

import copy
from collections import defaultdict

from django.db import transaction
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import String, StringTranslation, Translation, TranslationContext, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue


class StructureMismatch(ValueError):
    """The translated content does not have the source's shape (e.g. a rich
    text field with a different number of paragraphs)."""


def _strings_by_path(instance):
    by_path = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_path[segment.path].append(segment)
    return by_path


def pair_strings(source_instance, translated_instance):
    """[(source segment, translated segment)] matched by content path and order."""
    source_strings = _strings_by_path(source_instance)
    translated_strings = _strings_by_path(translated_instance)
    pairs = []
    for path, segments in source_strings.items():
        targets = translated_strings.get(path, [])
        if len(targets) != len(segments):
            raise StructureMismatch(
                f"{path}: the source has {len(segments)} text segment(s), the translation {len(targets)}"
            )
        pairs.extend(zip(segments, targets, strict=True))
    return pairs


@transaction.atomic
def translate(source, target_locale, values, *, user=None, publish=True):
    """Create or update the `target_locale` translation of `source`.

    `values` maps field names to translated values (rich text as HTML,
    StreamField data in the same block structure as the source's).
    Returns the translated instance.
    """
    if isinstance(source, Page):
        source = source.specific
    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation, _created = Translation.objects.get_or_create(
        source=translation_source, target_locale=target_locale, defaults={"enabled": True}
    )

    translated = copy.deepcopy(source)
    for name, value in values.items():
        setattr(translated, name, value)

    for source_segment, target_segment in pair_strings(source, translated):
        StringTranslation.objects.update_or_create(
            translation_of=String.from_value(source.locale, source_segment.string),
            locale=target_locale,
            context=TranslationContext.objects.get(object_id=translation_source.object_id, path=source_segment.path),
            defaults={"data": target_segment.string.data, "translation_type": "manual", "last_translated_by": user},
        )
    # wagtail-localize would publish on commit from a stale in-memory copy
    # (losing tree changes made later in the same transaction): save a draft
    # and publish a freshly loaded revision here instead. Objects without
    # draft state (plain RevisionMixin snippets) have no draft: saving is publishing.
    draftable = isinstance(source, DraftStateMixin)
    translation.save_target(user=user, publish=not draftable)
    target = source.get_translation(target_locale)
    if publish and draftable and target.latest_revision_id:
        target.latest_revision.publish(user=user)
        target.refresh_from_db()
    return target


def active_translation(instance):
    """The enabled wagtail-localize Translation whose target is `instance`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source__locale", "target_locale")
        .first()
    )


def untranslated_count(translation):
    """(segments not yet translated, all segments) of `translation`."""
    total, translated = translation.get_progress()
    return total - translated, total

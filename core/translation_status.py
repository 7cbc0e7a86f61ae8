"""Which pages are translated, which translations are out of date, which are missing.

The source language is the default locale (zh-hans). A translation is out of
date when its source page was published after it: wagtail-localize records
the source's content when an editor syncs ("Sync translated pages"), and a
translation brought up to date is published again, so until then the source's
last publication is the later one. A translation is missing in a language
when the live source page has no live page there. Only live source pages
count: a draft may still change in review, so translators start on a page
once it is published (as the demo's Chinese-only advisory), and
the public site, which shows live pages only, agrees on what is missing.

The dashboard panels (core.dashboard) and the translation coverage report
(core.coverage) read these querysets; nothing else re-derives the rule.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Subquery
from django.urls import reverse
from wagtail.models import Locale, Page

TRANSLATED = "translated"
OUT_OF_DATE = "out_of_date"
MISSING = "missing"


def source_pages():
    """Live pages in the source language, without the tree's root."""
    return Page.objects.live().filter(locale=Locale.get_default(), depth__gt=1)


def out_of_date_translations(locale=None):
    """Live translations whose source was published after them, each with
    `source_published_at` and `source_id`; most recently changed sources first."""
    default = Locale.get_default()
    source = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=default)
    translations = Page.objects.live().exclude(locale=default)
    if locale is not None:
        translations = translations.filter(locale=locale)
    return (
        translations.annotate(
            source_published_at=Subquery(source.values("last_published_at")[:1]),
            source_id=Subquery(source.values("pk")[:1]),
        )
        .filter(source_published_at__gt=F("last_published_at"))
        .order_by("-source_published_at", "pk")
    )


def up_to_date_translations(locale):
    source = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=Locale.get_default())
    return (
        Page.objects.live()
        .filter(locale=locale)
        .annotate(source_published_at=Subquery(source.values("last_published_at")[:1]))
        .filter(source_published_at__lte=F("last_published_at"))
    )


@dataclass
class MissingTranslation:
    page: Page  # the source page
    target: Locale
    draft_id: int | None  # a translation started but not published


def untranslated_source_pages(locale):
    """Live source pages without a live page in `locale`, each with `draft_id`:
    its translation started but not published, if any."""
    translated = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
    return (
        source_pages()
        .exclude(Exists(translated.filter(live=True)))
        .annotate(draft_id=Subquery(translated.values("pk")[:1]))
        .order_by("path")
    )


class MissingTranslations:
    """Every (source page, language) without a live translation, as a
    countable, sliceable sequence: one query per language each way."""

    def __init__(self, locales):
        self.locales = list(locales)

    def count(self):
        return sum(untranslated_source_pages(locale).count() for locale in self.locales)

    def __getitem__(self, window):
        entries = []
        for locale in self.locales:
            wanted = window.stop - len(entries)
            if wanted <= 0:
                break
            for page in untranslated_source_pages(locale)[:wanted]:
                entries.append(MissingTranslation(page, locale, page.draft_id))
        return entries[window]


def missing_translations(locale=None):
    locales = [locale] if locale is not None else Locale.objects.exclude(pk=Locale.get_default().pk).order_by("pk")
    return MissingTranslations(locales)


def translate_url(missing):
    """Where to act on a missing translation: the started draft, or the form that starts one."""
    if missing.draft_id:
        return reverse("wagtailadmin_pages:edit", args=[missing.draft_id])
    return reverse("wagtail_localize:submit_page_translation", args=[missing.page.pk])

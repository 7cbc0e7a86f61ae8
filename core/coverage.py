"""Admin report: translation coverage per section and language.

For each content area (core.areas: its items and its index page) and the
other pages, and for each language other than the source: how many pages are
translated and up to date, out of date, or missing (core.translation_status).
Each number links to the list of those pages, each with the link to act:
the translation editor, or the form that starts a translation.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from core import translation_status
from core.areas import content_areas
from core.roles import EDITORS, REVIEWERS, TRANSLATORS, group_names

OTHER_PAGES = "other"
READERS = frozenset({EDITORS, REVIEWERS, TRANSLATORS})
LIST_LIMIT = 200


def may_read(request):
    return request.user.is_superuser or bool(group_names(request.user) & READERS)


def sections():
    """[(key, label, content type ids)] of the page areas, then the other pages."""
    found = []
    for area in content_areas():
        if area.is_page:
            types = ContentType.objects.get_for_models(area.model, apps.get_model(area.index_model_label))
            found.append((area.key, area.label, {content_type.pk for content_type in types.values()}))
    return found + [(OTHER_PAGES, _("Other pages"), None)]


def _section_of(content_type_id, known):
    for key, _label, type_ids in known:
        if type_ids and content_type_id in type_ids:
            return key
    return OTHER_PAGES


def _per_section(queryset, known):
    counts = {}
    for row in queryset.order_by().values("content_type").annotate(total=Count("pk")):
        key = _section_of(row["content_type"], known)
        counts[key] = counts.get(key, 0) + row["total"]
    return counts


def _pages_in(queryset, section_key, known):
    if section_key == OTHER_PAGES:
        all_known = set().union(*(type_ids for _key, _label, type_ids in known if type_ids))
        return queryset.exclude(content_type__in=all_known)
    type_ids = next((type_ids for key, _label, type_ids in known if key == section_key), None)
    return queryset.filter(content_type__in=type_ids or [])


STATE_LABELS = {
    translation_status.TRANSLATED: _("Translated"),
    translation_status.OUT_OF_DATE: _("Out of date"),
    translation_status.MISSING: _("Missing"),
}


def _querysets(locale):
    return {
        translation_status.TRANSLATED: translation_status.up_to_date_translations(locale),
        translation_status.OUT_OF_DATE: translation_status.out_of_date_translations(locale),
        translation_status.MISSING: translation_status.untranslated_source_pages(locale),
    }


class TranslationCoverageView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/translation_coverage.html"
    page_title = _("Translation coverage")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not may_read(request):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        known = sections()
        locales = list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))
        counts = {
            locale.pk: {state: _per_section(queryset, known) for state, queryset in _querysets(locale).items()}
            for locale in locales
        }
        rows = []
        for key, label, _types in known:
            cells = []
            for locale in locales:
                for state, state_label in STATE_LABELS.items():
                    query = urlencode({"section": key, "language": locale.language_code, "state": state})
                    cells.append(
                        {"count": counts[locale.pk][state].get(key, 0), "url": f"?{query}", "label": state_label}
                    )
            rows.append({"label": label, "cells": cells})
        context.update(locales=locales, states=STATE_LABELS, rows=rows, listing=self.listing(known, locales))
        return context

    def listing(self, known, locales):
        """The pages behind one number, when the query string names them (or every
        section and language for a state alone, as the dashboard links)."""
        state = self.request.GET.get("state")
        if state not in STATE_LABELS:
            return None
        section = self.request.GET.get("section")
        language = self.request.GET.get("language")
        entries = []
        for locale in locales:
            if language and locale.language_code != language:
                continue
            pages = _querysets(locale)[state]
            if section:
                pages = _pages_in(pages, section, known)
            for page in pages[:LIST_LIMIT]:
                entries.append(
                    {"page": page, "language": locale.get_display_name(), "url": self._url(state, page, locale)}
                )
        return {"state": STATE_LABELS[state], "entries": entries[:LIST_LIMIT]}

    def _url(self, state, page, locale):
        if state == translation_status.MISSING:
            return translation_status.translate_url(translation_status.MissingTranslation(page, locale, page.draft_id))
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

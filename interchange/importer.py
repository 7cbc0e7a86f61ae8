"""Importing a validated bundle: one transaction, matched by key, idempotent.

For each item:

- The source-locale page (or snippet) is found by its key (interchange's
  ImportKey table for pages; the entry's own `key` field for the directory).
  A page that is not yet mapped but sits under the section's index page with
  the key as its slug is adopted, so a site's own pages can be taken over by
  a bundle exported from it.
- The item as the site holds it (its latest revision, exported to the bundle
  form) is compared with the item in the bundle. Nothing is saved when they
  are the same, so a second import of the same file makes no new revision.
  Otherwise the page is updated in place (same page, same URL) with a new
  revision, published unless `draft`.
- Each other locale is written as a wagtail-localize translation of the
  source (core.translation.translate). wagtail-localize pairs text segment by
  segment; when a translation does not have the source's shape (a different
  number of sections, paragraphs or list items) or would not come out as
  written, the translated fields are written directly on the translation
  page instead and its synced translation is stopped (wagtail-localize's own
  "stop synced translation"), so that the translation editor does not
  overwrite them. The importer lists each one it wrote that way.

Any problem the models find (a reserved slug, a second guide to the same
country) is collected with the item's JSON path; if there is one, everything
is rolled back and nothing is written. `dry_run` rolls back at the end too.
"""

import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin, Site
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation, TranslationSource

from core.translation import StructureMismatch, translate
from search import outbox

from .alerts import alerts_suppressed
from .lists import ADAPTERS
from .models import ImportKey
from .validation import LISTS, Problem

CREATED, UPDATED, UNCHANGED, HELD_BACK = "created", "updated", "unchanged", "held back"
# Policy documents first: the other lists' rich text may link to them (richtext.with_page_links),
# and the navigator's rules cite them.
IMPORT_ORDER = ("policies", *(name for name in LISTS if name != "policies"))


@dataclass
class ImportResult:
    counts: dict = field(default_factory=lambda: {name: Counter() for name in LISTS})
    notes: list = field(default_factory=list)  # what the operator should know (translations written directly …)
    problems: list = field(default_factory=list)
    elapsed: float = 0.0  # wall-clock seconds
    cpu: float = 0.0  # seconds of this process's CPU: the work itself, whatever else the machine is doing
    dry_run: bool = False
    draft: bool = False

    @property
    def ok(self):
        return not self.problems

    @property
    def written(self):
        return self.ok and not self.dry_run


class _RollBack(Exception):
    pass


class _NotAsWritten(Exception):
    pass


class _InvalidTranslation(Exception):
    """A model refused a translation: the ValidationError and its locale."""

    def __init__(self, code, error):
        super().__init__(code)
        self.code = code
        self.error = error


class Importer:
    def __init__(self, *, draft=False, dry_run=False, user=None, progress=None, send_alerts=False):
        self.draft = draft
        self.send_alerts = send_alerts
        self.dry_run = dry_run
        self.user = user
        self.progress = progress or (lambda done, total, label: None)
        self.result = ImportResult(dry_run=dry_run, draft=draft)

    # ------------------------------------------------------------ the run

    def run(self, data):
        started, cpu_started = time.monotonic(), time.process_time()
        work = [
            (ADAPTERS[name], f"{name}[{index}]", item)
            for name in IMPORT_ORDER
            for index, item in ADAPTERS[name].import_order(data.get(name) or [])
        ]
        try:
            alerts = nullcontext() if self.send_alerts else alerts_suppressed()
            with transaction.atomic(), outbox.processing_held(), alerts:
                self._prepare(data)
                if not self.result.problems:
                    for done, (adapter, path, item) in enumerate(work, start=1):
                        self._import_item(adapter, path, item)
                        self.progress(done, len(work), f"{adapter.name}/{item[adapter.key_field]}")
                if self.result.problems or self.dry_run:
                    raise _RollBack
                outbox.enqueue_processing()  # each saved object indexed once, not once per save
        except _RollBack:
            pass
        self.result.elapsed = time.monotonic() - started
        self.result.cpu = time.process_time() - cpu_started
        return self.result

    def _prepare(self, data):
        self.source_locale = Locale.get_default()
        self.source_code = self.source_locale.language_code
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.index_pages = {}
        for name in LISTS:
            if not data.get(name):
                continue
            adapter = ADAPTERS[name]
            if not adapter.is_available():
                self._problem(name, _("this site cannot hold %(list)s: its app is not installed") % {"list": name})
                continue
            if adapter.is_page:
                index_page = self._index_page(adapter)
                if index_page is None:
                    self._problem(
                        name,
                        _("there is no %(model)s in %(locale)s to put %(list)s under; create it first")
                        % {"model": adapter.index_label, "locale": self.source_code, "list": name},
                    )
                self.index_pages[name] = index_page
        for code in {code for name in LISTS for item in data.get(name) or [] for code in item.get("translations", {})}:
            if code not in self.locales:
                self._problem(
                    "", _("the site has no locale %(code)s: add it under Settings → Locales") % {"code": code}
                )

    def _index_page(self, adapter):
        index_model = apps.get_model(adapter.index_label)
        pages = index_model.objects.filter(locale=self.source_locale)
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None:
            under_site = pages.descendant_of(site.root_page, inclusive=True).order_by("path").first()
            if under_site is not None:
                return under_site
        return pages.order_by("path").first()

    def _problem(self, path, message):
        self.result.problems.append(Problem(path, str(message)))

    def _note(self, path, message):
        self.result.notes.append(Problem(path, str(message)))

    def _import_item(self, adapter, path, item):
        item = adapter.complete(item)
        try:
            with transaction.atomic():
                if adapter.is_page:
                    outcome = self._import_page(adapter, path, item)
                else:
                    outcome = self._import_snippet(adapter, path, item)
        except ValidationError as error:
            self._report_invalid(adapter, path, error)
            return
        except _InvalidTranslation as invalid:
            self._report_invalid(adapter, path, invalid.error, invalid.code)
            return
        except PermissionDenied:
            # Publishing on behalf of --user checks that user's permissions.
            self._problem(
                path,
                _("%(user)s may not publish this; import with --draft, or as a user who may")
                % {"user": self.user.get_username() if self.user else "?"},
            )
            return
        self.result.counts[adapter.name][outcome] += 1

    def _report_invalid(self, adapter, path, error, code=None):
        code = code or self.source_code
        if hasattr(error, "error_dict"):
            for field_name, errors in error.error_dict.items():
                where = adapter.field_path(field_name, code)
                label = "" if where or field_name == "__all__" else f"{field_name}: "
                for message in errors:
                    for text in message.messages:
                        self._problem(f"{path}{where}", f"{label}{text}")
        else:
            for text in error.messages:
                self._problem(path, text)

    # ------------------------------------------------------------ pages

    def _find_page(self, adapter, key):
        model = adapter.model
        mapping = ImportKey.objects.filter(list_name=adapter.name, key=key).first()
        if mapping is not None:
            page = model.objects.filter(translation_key=mapping.translation_key, locale=self.source_locale).first()
            if page is not None:
                return page
            mapping.delete()  # its page was deleted: the key starts afresh
        index_page = self.index_pages[adapter.name]
        page = model.objects.child_of(index_page).filter(slug=key, locale=self.source_locale).first()
        if page is not None:
            taken = ImportKey.objects.filter(list_name=adapter.name, translation_key=page.translation_key).exists()
            if not taken:
                ImportKey.objects.create(list_name=adapter.name, key=key, translation_key=page.translation_key)
                return page
        return None

    def _import_page(self, adapter, path, item):
        key = item["key"]
        source_texts = item["translations"][self.source_code]
        page = self._find_page(adapter, key)
        outcome = UNCHANGED
        if page is None:
            source = adapter.new_instance(item, source_texts)
            source.slug = key
            source.locale = self.source_locale
            source.live = not self.draft
            source.owner = self.user
            self.index_pages[adapter.name].add_child(instance=source)  # validates it (Page.save cleans)
            self._save_page_revision(source, clean=False)
            ImportKey.objects.create(list_name=adapter.name, key=key, translation_key=source.translation_key)
            outcome, shared_changed = CREATED, True
        else:
            source = _latest(page)
            current = adapter.item(key, source, {})
            shared_changed = adapter.comparable_shared(current) != adapter.comparable_shared(item)
            if shared_changed or _texts_differ(adapter, current["translations"][self.source_code], source_texts):
                adapter.apply_source(source, item, source_texts)
                self._save_page_revision(source)
                outcome = UPDATED
            elif self._needs_publishing(page):
                page.latest_revision.publish(user=self.user)
                outcome = UPDATED

        for code, texts in item["translations"].items():
            if code != self.source_code and self._import_page_translation(
                adapter, path, item, source, code, texts, shared_changed
            ):
                outcome = outcome if outcome == CREATED else UPDATED
        return outcome

    def _save_page_revision(self, page, clean=True):
        revision = page.save_revision(user=self.user, log_action=True, clean=clean)
        if not self.draft:
            revision.publish(user=self.user)
            page.live = True
        return revision

    def _needs_publishing(self, page):
        return not self.draft and (not page.live or page.has_unpublished_changes)

    def _import_page_translation(self, adapter, path, item, source, code, texts, shared_changed):
        """Write one translation when it differs; True when something was written."""
        locale = self.locales[code]
        target = adapter.model.objects.filter(translation_key=source.translation_key, locale=locale).first()
        target_latest = _latest(target) if target is not None else None
        if target is not None and not shared_changed:
            same_shared = adapter.comparable_shared(adapter.shared_item(target_latest)) == (
                adapter.comparable_shared(item)
            )
            if same_shared and not _texts_differ(adapter, adapter.texts_item(target_latest), texts):
                if self._needs_publishing(target):
                    target.latest_revision.publish(user=self.user)
                    return True
                return False
        if self.draft and target is not None and target.live:
            # wagtail-localize saves translation drafts onto the live page
            # itself; a draft must not change what the public sees.
            try:
                self._write_translation_directly(adapter, source, target, target_latest, locale, texts)
            except ValidationError as error:
                raise _InvalidTranslation(code, error) from error
            return True
        self._write_translation(adapter, path, source, target, target_latest, code, texts)
        return True

    def _write_translation(self, adapter, path, source, target, target_latest, code, texts):
        """Through wagtail-localize when it can, directly (and noted) when not."""
        locale = self.locales[code]
        try:
            reason = self._translate(adapter, source, locale, target_latest, texts)
            if reason:
                self._write_translation_directly(adapter, source, target, target_latest, locale, texts, stop_sync=True)
                self._note(
                    f"{path}.translations.{code}",
                    _("written directly, not as a synced translation (%(reason)s)") % {"reason": reason},
                )
        except ValidationError as error:
            raise _InvalidTranslation(code, error) from error

    def _translate(self, adapter, source, locale, existing, texts):
        """Translate through wagtail-localize; the reason it could not, or ""."""
        values = adapter.translated_values(source, existing, texts)
        try:
            with transaction.atomic():
                target = translate(source, locale, values, user=self.user, publish=not self.draft)
                if _texts_differ(adapter, adapter.texts_item(_latest(target)), texts):
                    raise _NotAsWritten
        except StructureMismatch as error:
            return _("its structure differs from the source's: %(detail)s") % {"detail": error}
        except _NotAsWritten:
            return _("wagtail-localize would not reproduce it exactly")
        # Synced again (an earlier import may have had to stop it).
        Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=locale, enabled=False
        ).update(enabled=True)
        return ""

    def _write_translation_directly(self, adapter, source, target, target_latest, locale, texts, stop_sync=False):
        values = adapter.translated_values(source, target_latest, texts)
        if target is None:
            if adapter.is_page:
                target = target_latest = source.copy_for_translation(locale, copy_parents=True)
            else:
                target = target_latest = source.copy_for_translation(locale)
        copy_synchronised_fields(source, target_latest)
        for name, value in values.items():
            setattr(target_latest, name, value)
        if adapter.is_page:
            self._save_page_revision(target_latest)
        else:
            self._save_snippet(target_latest, "wagtail.edit")
        if stop_sync:
            translation_source, _created = TranslationSource.get_or_create_from_instance(source)
            Translation.objects.update_or_create(
                source=translation_source, target_locale=locale, defaults={"enabled": False}
            )
        return target_latest

    # ------------------------------------------------------------ snippets (directory entries, emergency cards, rules)

    def _import_snippet(self, adapter, path, item):
        """Under `draft`, new entries arrive pending (directory) or as unpublished
        drafts (navigator rules), or are held back (emergency cards); changes to
        existing ones are held back."""
        key = item[adapter.key_field]
        translations = item.get("translations", {})  # none: one row for every language (thresholds)
        source_texts = translations.get(self.source_code, {})
        model = adapter.model
        source = adapter.find_source(key, self.source_locale)
        outcome = UNCHANGED
        if source is None:
            if self.draft and adapter.draft_values is None:
                self._note(path, adapter.no_drafts_note)
                return HELD_BACK
            source = adapter.new_instance(item, source_texts)
            setattr(source, adapter.key_field, key)
            if adapter.translatable:
                source.locale = self.source_locale
            if self.draft:
                for name, value in adapter.draft_values.items():
                    setattr(source, name, value)
            self._save_snippet(source, "wagtail.create")
            outcome, shared_changed = CREATED, True
        else:
            current = adapter.item(key, source, {})
            shared_changed = adapter.comparable_shared(current) != adapter.comparable_shared(item)
            current_texts = current.get("translations", {}).get(self.source_code, {})
            if shared_changed or _texts_differ(adapter, current_texts, source_texts):
                if self.draft:
                    self._note(path, adapter.no_drafts_note)
                    return HELD_BACK
                adapter.apply_source(source, item, source_texts)
                self._save_snippet(source, "wagtail.edit")
                outcome = UPDATED

        for code, texts in translations.items():
            if code == self.source_code:
                continue
            locale = self.locales[code]
            target = model.objects.filter(translation_key=source.translation_key, locale=locale).first()
            if target is not None and not _texts_differ(adapter, adapter.texts_item(target), texts):
                continue
            if target is not None and self.draft:
                self._note(f"{path}.translations.{code}", adapter.no_drafts_note)
                outcome = outcome if outcome == CREATED else HELD_BACK
                continue
            self._write_translation(adapter, path, source, target, target, code, texts)
            outcome = outcome if outcome == CREATED else UPDATED
        return outcome

    def _save_snippet(self, instance, action):
        """Validated and saved, with a revision where the model keeps them
        (directory entries, navigator rules) and otherwise an entry in the
        admin's history. A model with draft state (navigator rules) has the
        revision published unless importing drafts: only its live version counts."""
        instance.full_clean()
        instance.save()
        if isinstance(instance, RevisionMixin):
            revision = instance.save_revision(user=self.user, log_action=True)
            if isinstance(instance, DraftStateMixin) and not self.draft:
                revision.publish(user=self.user)
        else:
            log(instance=instance, action=action, user=self.user)


def _latest(instance):
    """The newest content of a page or snippet: its latest revision when it has one."""
    if isinstance(instance, Page):
        instance = instance.specific
    if getattr(instance, "latest_revision_id", None) and getattr(instance, "has_unpublished_changes", False):
        return instance.get_latest_revision_as_object()
    return instance


def _texts_differ(adapter, current, wanted):
    return adapter.comparable_texts(current) != adapter.comparable_texts(wanted)


def import_bundle(data, **options):
    """Import an already validated bundle; returns an ImportResult."""
    return Importer(**options).run(data)

"""Wagtail's page views (the explorer, a page's edit view) without the reads
they repeat on every request.

`FewerQueriesPageViewSet` is registered as the viewset of every page type (in
place of Wagtail's `base_page_viewset`, core/wagtail_hooks.py); only its
explorer and edit views differ from Wagtail's:

- Wagtail's URL router reads a page's type before each page view, to choose
  the viewset registered for that type; with one viewset for every type the
  answer is known, and the view's own read of the page answers "no such page"
  (`route_without_lookup`, for the views here, which fetch the page or 404).
- The explorer: the locale filter's choices from the per-publish memo of the
  locales (edge.chrome.all_locales) instead of a query; the rows' parent
  pages not read for a "Parent" column the explorer never shows (Wagtail's
  explorer drops it from its table, and reads the parents itself when
  searching); the parent page's locale from the memo.
- The edit view: the page it edits (the latest revision as a page) given the
  latest revision the view already read and its locale from the memo (the
  status panel asked again); stale editing sessions cleaned up at most once
  a minute instead of on every view (`cleanup_stale_editing_sessions`).

tests/performance/test_admin_pages.py counts both views' queries and
compares what was copied from Wagtail with Wagtail's own.
"""

from django import forms
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import LocaleFilter
from wagtail.admin.models import EditingSession
from wagtail.admin.ui.editing_sessions import EditingSessionsModule
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, TranslatableMixin, get_default_page_content_type

from edge.chrome import all_locales, locale_by_id

# Stale sessions (not seen for an hour; Wagtail lists only those seen in the
# last 25 minutes) are deleted at most this often, by whichever process asks
# first: the cache's add() is the lock.
EDITING_SESSIONS_CLEANUP_SECONDS = 60
EDITING_SESSIONS_CLEANUP_KEY = "editing-sessions:cleaned-up"


def cleanup_stale_editing_sessions():
    """EditingSession.cleanup(), unless it ran less than a minute ago. True when it ran."""
    if not cache.add(EDITING_SESSIONS_CLEANUP_KEY, True, EDITING_SESSIONS_CLEANUP_SECONDS):
        return False
    EditingSession.cleanup()
    return True


def locale_from_memo(page):
    """The page, its locale given from the memo (edge.chrome.locale_by_id) unless it has it."""
    field = Page.locale.field
    if not field.is_cached(page):
        field.set_cached_value(page, locale_by_id(page.locale_id))
    return page


class MemoLocalesFilterSet(GenericPageFilterSet):
    def _add_locale_filter(self):
        # Wagtail's WagtailFilterSet._add_locale_filter, the locales' codes
        # read from the memo (compared with Wagtail's in tests/performance).
        if self._meta.model and issubclass(self._meta.model, TranslatableMixin) and "locale" not in self.filters:
            languages = get_content_languages()
            locales = {locale.language_code for locale in all_locales()}
            choices = [(code, name) for code, name in languages.items() if code in locales]
            if len(choices) <= 1:
                return
            self.filters["locale"] = LocaleFilter(
                label=_("Locale"),
                choices=choices,
                empty_label=None,
                null_label=_("All"),
                null_value=None,
                widget=forms.RadioSelect,
            )


class FewerQueriesExplorableIndexView(ExplorableIndexView):
    base_filterset_class = MemoLocalesFilterSet

    # The explorer's table drops the "Parent" column (explorable_columns):
    # without it Wagtail does not read every row's parent for it.
    base_columns = [column for column in ExplorableIndexView.base_columns if column.name != "parent"]

    # ExplorableIndexView.get sets the page explored, then reads its locale:
    # the page is given it from the memo as it is set.
    @property
    def parent_page(self):
        return self._explored_page

    @parent_page.setter
    def parent_page(self, page):
        self._explored_page = page if page is None else locale_from_memo(page)


class FewerQueriesEditView(EditView):
    def get_object(self):
        # The page to edit (Wagtail's: the latest revision as a page), given
        # the latest revision dispatch() has just read for the same record,
        # and its locale from the memo.
        page = super().get_object()
        latest = self.latest_revision
        if page.latest_revision_id == (latest.pk if latest else None):
            Page.latest_revision.field.set_cached_value(page, latest)
        return locale_from_memo(page)

    def get_editing_sessions(self):
        # Wagtail's EditView.get_editing_sessions, with the cleanup at most
        # once a minute (compared with Wagtail's in tests/performance).
        cleanup_stale_editing_sessions()
        content_type = get_default_page_content_type()
        session = EditingSession.objects.create(
            user=self.request.user,
            content_type=content_type,
            object_id=self.page.pk,
            last_seen_at=timezone.now(),
        )
        return EditingSessionsModule(
            session,
            reverse(
                "wagtailadmin_editing_sessions:ping",
                args=(Page._meta.app_label, Page._meta.model_name, self.page.pk, session.id),
            ),
            reverse("wagtailadmin_editing_sessions:release", args=(session.id,)),
            [],
            self.page.latest_revision_id,
            self.latest_revision_created_at,
        )


class FewerQueriesPageViewSet(PageViewSet):
    index_view_class = FewerQueriesExplorableIndexView
    edit_view_class = FewerQueriesEditView
    filterset_class = MemoLocalesFilterSet

    def on_register(self):
        super().on_register()
        route_without_lookup(self)


# The views that fetch their page themselves (404 when there is none) and so
# need no read of its type to be routed, when one viewset serves every type.
ROUTED_WITHOUT_LOOKUP = ("edit", "index", "index_results")


class _Routed:
    """What the router asks for a view: ours without reading the page's type
    when `viewset` serves every page type, any other through Wagtail's lookup."""

    def __init__(self, registry, viewset, lookup, page_id):
        self.registry, self.viewset, self.lookup, self.page_id = registry, viewset, lookup, page_id

    def get_view_by_name(self, name):
        if name in ROUTED_WITHOUT_LOOKUP and only_viewset(self.registry) is self.viewset:
            return self.viewset.get_view_by_name(name)
        return self.lookup(self.page_id).get_view_by_name(name)

    def __getattr__(self, name):
        # Anything else is asked of the viewset Wagtail's lookup finds.
        return getattr(self.lookup(self.page_id), name)


def only_viewset(registry):
    """The viewset every page type is routed to, or None when some type has
    one of its own. Asked on each routing, not kept from registration: a page
    type may be given its own viewset after ours registered (a set of a few
    entries, microseconds)."""
    values = {
        *registry.values_by_class.values(),
        *registry.values_by_exact_class.values(),
        *registry.values_by_parent_model.values(),
    }
    return values.pop() if len(values) == 1 else None


def route_without_lookup(viewset, registry=page_viewset_registry):
    """Wagtail's router (PageViewSetRegistry.as_view) asks the registry for a
    page's viewset by page id, reading the page's type first; the registry's
    two lookups by id are replaced on this instance (Wagtail has no setting
    for it) by ones that answer `viewset` for ROUTED_WITHOUT_LOOKUP when it
    serves every page type, and Wagtail's lookup otherwise."""
    by_page_id, by_parent_page_id = type(registry).get_by_page_id, type(registry).get_by_parent_page_id
    registry.get_by_page_id = lambda page_id: _Routed(registry, viewset, lambda pk: by_page_id(registry, pk), page_id)
    registry.get_by_parent_page_id = lambda page_id: _Routed(
        registry, viewset, lambda pk: by_parent_page_id(registry, pk), page_id
    )

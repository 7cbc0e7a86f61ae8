"""The admin's page explorer and a page's header at a flat number of queries.

Each row of Wagtail's explorer asks, through its "More" menu, wagtail-localize
whether the page can still be translated and whether it is a translation
source to sync (two queries a row, three for a source), and Wagtail whether
the editor may move and delete it (for an editor without publish permission,
"is anything live in this subtree?", asked twice a row). A page's own header
(the explorer's parent page, the edit view) asks the same five. The
explorer's own queryset hook (`construct_explorer_page_queryset`) now
fetches those facts with the rows, as annotations; a page outside the
listing gets them in one query on first use (`page_facts`); the buttons
read them:

- wagtail-localize's row and header menu function is swapped, in Wagtail's
  hook registry, for `translation_buttons`, which yields the same buttons
  from the facts.
- `FactsAwarePermissionTester` (BasePage.permissions_for_user) answers
  "may not delete: something live below" from the facts where Wagtail
  would ask the database (twice: Move asks it too); every other case is
  Wagtail's own `can_delete`.
- On the edit view, wagtail-localize asks three more (is the page the target
  of an enabled or a disabled translation, is there a page in its
  translation source's locale): the same query reads them
  (`annotate_translation_state`), and its before_edit_page hook and two
  action-menu items are swapped for ones that read them.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page, PagePermissionTester
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation

FACTS = ("_untranslated_locale", "_sync_source_id", "_live_in_subtree")
EDIT_FACTS = ("_enabled_translation_id", "_disabled_translation", "_source_locale_page")


def annotate_explorer_rows(parent_page, pages, request):
    """The facts each row's buttons need, in the listing's own query; each
    row's locale and page type joined to its specific object's query (the
    listing's prefetches of them then find them there)."""
    page_type = ContentType.objects.get_for_model(Page)
    pages = pages.select_related("locale", "content_type", for_specific_subqueries=True)
    return pages.annotate(
        # wagtail-localize: a locale with no (non-alias) translation of the page
        _untranslated_locale=Exists(
            Locale.objects.exclude(
                id__in=Page.objects.filter(
                    translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
                ).values("locale_id")
            )
        ),
        # wagtail-localize: the page's translation source, when it has an enabled translation
        _sync_source_id=Subquery(
            TranslationSource.objects.filter(
                object_id=OuterRef("translation_key"),
                object__content_type=page_type,
                locale_id=OuterRef("locale_id"),
                translations__enabled=True,
            ).values("pk")[:1]
        ),
        # Wagtail's can_delete/can_move for an editor who may not publish
        _live_in_subtree=Exists(
            Page.objects.filter(path__startswith=OuterRef("path"), depth__gte=OuterRef("depth"), live=True)
        ),
    )


def annotate_translation_state(pages):
    """What wagtail-localize asks about a page on its edit view: the enabled
    translation it is the target of (its before_edit_page then shows the
    translation editor), whether a disabled one exists ("Start Synced
    translation"), and whether the page of the translation source's locale
    exists ("Convert to alias page")."""
    translations = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id")
    )
    source_locale = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        specific_content_type=OuterRef(OuterRef("content_type_id")),
        translations__target_locale=OuterRef(OuterRef("locale_id")),
    ).values("locale_id")[:1]
    return pages.annotate(
        _enabled_translation_id=Subquery(translations.filter(enabled=True).values("pk")[:1]),
        _disabled_translation=Exists(translations.filter(enabled=False)),
        _source_locale_page=Exists(
            Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=Subquery(source_locale)).exclude(
                pk=OuterRef("pk")
            )
        ),
    )


def page_facts(page, names=FACTS):
    """The page, with the facts `names` (the explorer's rows are annotated
    with FACTS): read, with the edit view's EDIT_FACTS, in one query for a
    page that lacks them (a page's header, its edit view), once per page object."""
    if not all(hasattr(page, name) for name in names):
        pages = annotate_translation_state(annotate_explorer_rows(None, Page.objects.filter(pk=page.pk), None))
        for name, value in pages.values(*FACTS, *EDIT_FACTS).get().items():
            setattr(page, name, value)
    return page


def translation_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's "Translate this page" / "Sync translated pages"
    (wagtail_localize.wagtail_hooks.page_listing_more_buttons), decided
    from the page's facts."""
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    page = page_facts(page)
    if page._untranslated_locale:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield Button(_("Translate this page"), url, priority=60, icon_name="wagtail-localize-language")
    if page._sync_source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[page._sync_source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def edit_translation_instead(request, page):
    """wagtail-localize's before_edit_page: a page that is the target of an
    enabled translation is edited in its translation editor. Decided from the
    page's facts on a GET; a POST (its "Start Synced translation" and
    "Convert to alias page" buttons) and an alias page go to its own."""
    if request.method == "POST" or page.alias_of_id is not None:
        return localize_hooks.before_edit_page(request, page)
    translation_id = page_facts(page, EDIT_FACTS)._enabled_translation_id
    if translation_id is not None:
        return edit_translation.edit_translation(request, Translation.objects.get(pk=translation_id), page)
    return None


class RestartTranslationItem(localize_hooks.RestartTranslationPageActionMenuItem):
    def is_shown(self, context):
        return context["view"] == "edit" and page_facts(context["page"], EDIT_FACTS)._disabled_translation


class ConvertToAliasItem(localize_hooks.ConvertToAliasPageActionMenuItem):
    def is_shown(self, context):
        # The create view's context has no "page".
        if context["view"] != "edit" or context["page"].alias_of_id is not None:
            return False
        return page_facts(context["page"], EDIT_FACTS)._source_locale_page


# wagtail-localize's hook functions -> ours, which answer from page_facts.
REPLACEMENTS = {
    "register_page_listing_more_buttons": {localize_hooks.page_listing_more_buttons: translation_buttons},
    "register_page_header_buttons": {localize_hooks.page_listing_more_buttons: translation_buttons},
    "before_edit_page": {localize_hooks.before_edit_page: edit_translation_instead},
    "register_page_action_menu_item": {
        localize_hooks.register_restart_translation_page_action_menu_item: lambda: RestartTranslationItem(order=0),
        localize_hooks.register_convert_back_to_alias_page_action_menu_item: lambda: ConvertToAliasItem(order=0),
    },
}


def replace_localize_page_hooks():
    """Wagtail's hook registry has no way to unregister: the entries
    wagtail-localize registered are replaced in place (same order), so each
    is run once, as ours. Called from core/wagtail_hooks.py; wagtail-localize's
    module is imported above, so its entries are registered by then,
    whatever the apps' order."""
    for hook_name, replacements in REPLACEMENTS.items():
        registered = hooks._hooks[hook_name]
        for index, (fn, order) in enumerate(registered):
            if fn in replacements:
                registered[index] = (replacements[fn], order)


class FactsAwarePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        # Wagtail's can_delete, for an active, non-superuser editor with
        # "change" but not "publish" permission on a page that is not the
        # root: a non-leaf needs "bulk_delete" (unless ignore_bulk), then
        # nothing live may be in the subtree, the fact read from page_facts.
        # Every other case is Wagtail's (tests/performance/test_admin_pages.py
        # compares the two).
        if (
            self.user.is_active
            and not self.user.is_superuser
            and not self.page_is_root
            and "change" in self.permissions
            and "publish" not in self.permissions
        ):
            if "bulk_delete" not in self.permissions and not self.page.is_leaf() and not ignore_bulk:
                return False
            return not page_facts(self.page)._live_in_subtree
        return super().can_delete(ignore_bulk=ignore_bulk)

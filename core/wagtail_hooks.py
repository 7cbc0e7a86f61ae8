from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import CentreDetails
from core.roles import TRANSLATORS


class CentreDetailsViewSet(SnippetViewSet):
    model = CentreDetails
    icon = "site"
    menu_label = CentreDetails._meta.verbose_name_plural
    add_to_settings_menu = True
    list_display = ["name", "locale"]


register_snippet(CentreDetailsViewSet)


def is_translator_only(user):
    """A Translators member who is not also an editor, reviewer or superuser."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and names <= {TRANSLATORS}


def _refuse_source_locale(request, page):
    if page.locale_id == Locale.get_default().pk and is_translator_only(request.user):
        messages.error(request, _("Translators can edit translations only, not source-language pages."))
        raise PermissionDenied


@hooks.register("before_edit_page")
def translators_edit_translations_only(request, page):
    _refuse_source_locale(request, page)


@hooks.register("before_create_page")
def translators_do_not_create_source_pages(request, parent_page, page_class):
    _refuse_source_locale(request, parent_page)

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.coverage import TranslationCoverageView, may_read
from core.dashboard import FailedEmailsPanel, OutOfDateTranslationsPanel, UntranslatedPagesPanel
from core.explorer import annotate_explorer_rows, replace_localize_page_hooks
from core.models import CentreDetails, EmailDelivery
from core.page_views import FewerQueriesPageViewSet
from core.roles import is_translator_only
from core.translation import active_translation, untranslated_count


class CentreDetailsViewSet(SnippetViewSet):
    model = CentreDetails
    icon = "site"
    menu_label = CentreDetails._meta.verbose_name_plural
    add_to_settings_menu = True
    list_display = ["name", "locale"]


register_snippet(CentreDetailsViewSet)


class EmailDeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are written by core.mail alone: staff may only look."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class EmailDeliveryIndexView(generic.IndexView):
    any_permission_required = ["view"]


class EmailDeliveryViewSet(ModelViewSet):
    """Settings > E-mail deliveries: what was sent, what failed and will be
    retried, what was given up (`core.view_emaildelivery`)."""

    model = EmailDelivery
    icon = "mail"
    menu_label = gettext_lazy("E-mail deliveries")
    add_to_settings_menu = True
    index_view_class = EmailDeliveryIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = ["status"]  # required by ModelViewSet; its add/edit views are refused by the policy
    list_display = ["created_at", "kind", "variant", "object_id", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "kind"]
    search_backend_name = None


register_permission_policy(EmailDelivery, EmailDeliveryPermissionPolicy(EmailDelivery))


@hooks.register("register_admin_viewset")
def register_email_delivery_viewset():
    return EmailDeliveryViewSet("email_deliveries")


@hooks.register("register_admin_viewset")
def register_page_viewset():
    # Every page type's viewset, in place of Wagtail's (registered before, at order -1).
    return FewerQueriesPageViewSet()


def _translation_links(page):
    """Links a translator can follow instead: each translation's editor, or
    the form that starts one when there is none."""
    translations = page.get_translations().select_related("locale").order_by("locale__language_code")
    links = [
        format_html(
            '<a href="{}">{}</a>',
            reverse("wagtailadmin_pages:edit", args=[translation.pk]),
            _("Edit the %(language)s translation") % {"language": translation.locale.get_display_name()},
        )
        for translation in translations
    ]
    if not links:
        links = [
            format_html(
                '<a href="{}">{}</a>',
                reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
                _("Start a translation of this page"),
            )
        ]
    return format_html_join(" ", "{}", ((link,) for link in links))


def _refuse_source_locale(request, page, *, offer_translations):
    """A translator on a source-language page: back to the dashboard with the
    reason and, for a page they opened, where its translations are (not
    Wagtail's bare "Sorry, you do not have permission")."""
    # Groups first: read once per request anyway (the admin menu asks too);
    # the default locale is looked up only for a translator.
    if not is_translator_only(request.user) or page.locale_id != Locale.get_default().pk:
        return None
    reason = _("Translators can edit translations only, not source-language pages.")
    if offer_translations:
        reason = format_html("{} {}", reason, _translation_links(page))
    messages.error(request, reason)
    return redirect("wagtailadmin_home")


@hooks.register("before_edit_page")
def translators_edit_translations_only(request, page):
    return _refuse_source_locale(request, page, offer_translations=True)


@hooks.register("before_create_page")
def translators_do_not_create_source_pages(request, parent_page, page_class):
    return _refuse_source_locale(request, parent_page, offer_translations=False)


# The field of the confirmation form that says "publish with the source text".
PUBLISH_UNTRANSLATED = "publish-untranslated"


def _confirm_untranslated_publish(request, instance):
    """wagtail-localize's "Publish in English" would publish a translation
    whose untranslated segments show the Chinese source text: ask first, and
    publish only when the editor confirms on that page."""
    if request.method != "POST" or request.POST.get("action") != "publish" or request.POST.get(PUBLISH_UNTRANSLATED):
        return None
    translation = active_translation(instance)
    if translation is None:
        return None
    untranslated, total = untranslated_count(translation)
    if not untranslated:
        return None
    return TemplateResponse(
        request,
        "core/admin/confirm_untranslated_publish.html",
        {
            "object": instance,
            "untranslated": untranslated,
            "total": total,
            "language": translation.target_locale.get_display_name(),
            "source_language": translation.source.locale.get_display_name(),
            "confirm_field": PUBLISH_UNTRANSLATED,
        },
    )


# Before wagtail-localize's own before_edit_page/before_edit_snippet hooks, which publish.
@hooks.register("before_edit_page", order=-1)
def confirm_untranslated_page_publish(request, page):
    return _confirm_untranslated_publish(request, page)


@hooks.register("before_edit_snippet", order=-1)
def confirm_untranslated_snippet_publish(request, instance):
    return _confirm_untranslated_publish(request, instance)


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend([OutOfDateTranslationsPanel(request), UntranslatedPagesPanel(request), FailedEmailsPanel(request)])


@hooks.register("register_admin_urls")
def register_translation_coverage_url():
    return [path("reports/translation-coverage/", TranslationCoverageView.as_view(), name="translation_coverage")]


class TranslationCoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read(request)


@hooks.register("register_reports_menu_item")
def register_translation_coverage_menu_item():
    return TranslationCoverageMenuItem(
        gettext_lazy("Translation coverage"),
        reverse("translation_coverage"),
        name="translation-coverage",
        icon_name="globe",
        order=1320,
    )


hooks.register("construct_explorer_page_queryset", annotate_explorer_rows)
replace_localize_page_hooks()

"""What the admin's templates look up on every request, given from the
per-publish memos (edge/chrome.py) instead."""

from django.conf import settings
from django.http.request import HttpHeaders
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.functional import SimpleLazyObject
from wagtail.admin.localization import get_js_translation_strings
from wagtail.admin.templatetags import wagtailadmin_tags

from edge.chrome import all_locales, restricted_paths


class ViewRestrictionsMiddleware:
    """Wagtail's `test_page_is_public` tag (a page header's privacy
    indicator) reads the paths under a view restriction from the database
    once per request, unless the request has them already
    (`all_page_view_restriction_paths`): here they are, from the memo
    (rebuilt when a restriction changes), read only if the tag asks.
    tests/performance/test_admin_pages.py compares the tag's answers with
    and without it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.all_page_view_restriction_paths = SimpleLazyObject(restricted_paths)
        return self.get_response(request)


def wagtail_config(context):
    """Wagtail's `wagtail_config` tag (every admin page's settings for its
    scripts), the locales from the memo (rebuilt when a locale changes)
    instead of a query per request; in Wagtail's order, by language code.
    tests/performance/test_admin_pages.py compares it with Wagtail's."""
    request = context["request"]
    config = {
        "CSRF_TOKEN": get_token(request),
        "CSRF_HEADER_NAME": HttpHeaders.parse_header_name(settings.CSRF_HEADER_NAME),
        "ADMIN_API": {
            "PAGES": reverse("wagtailadmin_api:pages:listing"),
            "DOCUMENTS": reverse("wagtailadmin_api:documents:listing"),
            "IMAGES": reverse("wagtailadmin_api:images:listing"),
            "EXTRA_CHILDREN_PARAMETERS": "",
        },
        "ADMIN_URLS": {
            "DISMISSIBLES": reverse("wagtailadmin_dismissibles"),
            "PAGES": reverse("wagtailadmin_explore_root"),
            "BLOCK_PREVIEW": reverse("wagtailadmin_block_preview"),
        },
        "I18N_ENABLED": wagtailadmin_tags.i18n_enabled(),
        "LOCALES": [
            {"code": locale.language_code, "display_name": force_str(locale.get_display_name())}
            for locale in sorted(all_locales(), key=lambda locale: locale.language_code)
        ],
        "STRINGS": get_js_translation_strings(),
    }
    if locale := context.get("locale"):
        config["ACTIVE_CONTENT_LOCALE"] = locale.language_code
    user = getattr(request, "user", None)
    config["KEYBOARD_SHORTCUTS_ENABLED"] = (
        user.wagtail_userprofile.keyboard_shortcuts if hasattr(user, "wagtail_userprofile") else True
    )
    return config


# Wagtail's own function, kept for the comparison test.
WAGTAILS_WAGTAIL_CONFIG = wagtailadmin_tags.wagtail_config


def replace_wagtail_config_tag():
    """Wagtail's template library entry for `wagtail_config` replaced by
    ours (templates are compiled after the apps are ready, so every one
    finds it). Called from core.apps."""
    wagtailadmin_tags.register.simple_tag(wagtail_config, takes_context=True, name="wagtail_config")

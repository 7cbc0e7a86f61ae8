"""Security headers.

The public site runs under a strict Content-Security-Policy: no inline script
or style, nothing from other origins except what settings allow. Wagtail's
admin gets its own, looser policy (ADMIN_CONTENT_SECURITY_POLICY), because
its editing interface is not ours to rewrite.
"""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What a view sets on its response to change its own policy (django-csp's decorators).
PER_RESPONSE_POLICY = tuple(
    f"_csp_{what}{mode}" for what in ("config", "update", "replace", "exempt") for mode in ("", "_ro")
)


def is_admin_path(path):
    return path.startswith(tuple(settings.ADMIN_URL_PREFIXES))


@functools.cache
def site_policies():
    """[(header, policy, excluded path prefixes)] of a public response that
    changes nothing of it (no nonce asked for, no view decorator): the same
    for every such response while the settings stay."""
    return [
        (header, build_policy(report_only=report_only), tuple(setting_value.get("EXCLUDE_URL_PREFIXES") or ()))
        for header, report_only, setting_value in (
            (HEADER, False, getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}),
            (HEADER_REPORT_ONLY, True, getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}),
        )
    ]


@receiver(setting_changed)
def _forget_site_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policies.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy for admin paths. A
    public response that changes nothing of the policy gets it as built once
    (`site_policies`): django-csp built it twice for every response, a cached
    page's too (about a third of a cache hit's time)."""

    def process_response(self, request, response):
        if (
            is_admin_path(request.path_info)
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE_POLICY)
            or (settings.DEBUG and response.status_code in (500, 404))
        ):
            return super().process_response(request, response)
        for header, policy, excluded in site_policies():
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp: a nonce asked for from now on could not be in the header.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    """Switches off browser features the site never uses (camera, location …),
    so that injected or embedded content cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response

"""Wagtail's admin login, with attempts limited so that guessing is slow and
a stranger cannot lock the account holder out (django-ratelimit, counted in
the default cache).

Two budgets, neither of them per username alone:

- per client address (ADMIN_LOGIN_RATE_PER_IP): every attempt from the
  address counts, before the password is checked, so one address cannot try
  many usernames (or keep the password hasher busy);
- per client address and username (ADMIN_LOGIN_RATE_PER_IP_AND_USER): only
  failed sign-ins count, so one address cannot keep guessing one account,
  while the account holder signing in from anywhere else is not affected.

There is deliberately no budget per username across all addresses: whoever
can fail from enough addresses could then lock the holder out (an IPv6
network is thousands of /64s). SECURITY.md has the trade-off.

A limited attempt is refused before the password is checked, with the login
form shown again, a message in the admin's language and status 429.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage, is_ratelimited
from wagtail.admin.views.account import LoginView

logger = logging.getLogger("outbound.security")

RATE_LIMIT_GROUP = "admin-login"


def _account_group(request):
    """The per-account counter's group: one per username, counted per address
    (key "ip"), so only django-ratelimit's own address handling is used.
    Case-folded: a guess at "Editor" counts for "editor"."""
    return f"{RATE_LIMIT_GROUP}:account:{request.POST.get('username', '').strip().casefold()}"


def _failed_sign_ins(request, count_this_one):
    return get_usage(
        request,
        group=_account_group(request),
        key="ip",
        rate=settings.ADMIN_LOGIN_RATE_PER_IP_AND_USER,
        method="POST",
        increment=count_this_one,
    )


def login_attempts_exceeded(request):
    """Count this attempt against the address's budget; True when it is spent
    or this address has used up its failures for this username."""
    address_spent = is_ratelimited(
        request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.ADMIN_LOGIN_RATE_PER_IP, method="POST", increment=True
    )
    failures = _failed_sign_ins(request, count_this_one=False)  # None: RATELIMIT_ENABLE is off
    return address_spent or (failures is not None and failures["count"] >= failures["limit"])


def record_failed_sign_in(request):
    _failed_sign_ins(request, count_this_one=True)


class RateLimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if login_attempts_exceeded(request):
            # No username or address in the log: counts are enough to see an attack.
            logger.warning("admin login refused: too many attempts")
            messages.error(request, _("Too many login attempts. Please wait a few minutes and try again."))
            # An unbound form: the refused attempt's password is never checked.
            form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")[:150]})
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        # A wrong password (or a missing field): the only kind of attempt the
        # per-account budget counts.
        record_failed_sign_in(self.request)
        return super().form_invalid(form)

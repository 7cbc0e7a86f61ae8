"""Wagtail's admin login, with attempts limited per client address and per
username (django-ratelimit, counted in the default cache).

A limited attempt is refused before the password is checked, with the login
form shown again, a message in the admin's language and status 429.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.account import LoginView

logger = logging.getLogger("outbound.security")

RATE_LIMIT_GROUP = "admin-login"


def login_attempts_exceeded(request):
    """Count this attempt against both budgets; True when either is spent."""
    exceeded = False
    for key, rate in (("ip", settings.ADMIN_LOGIN_RATE_PER_IP), ("post:username", settings.ADMIN_LOGIN_RATE_PER_USER)):
        # Both counters always go up, so that spreading guesses over many
        # usernames or many addresses does not escape the other limit.
        exceeded |= is_ratelimited(request, group=RATE_LIMIT_GROUP, key=key, rate=rate, method="POST", increment=True)
    return exceeded


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

"""What every form that anyone may post shares: event registration, alert
subscription and listing application are protected the same way.

    if limited := public_forms.rate_limited(request, "event_registration"):
        return limited
    form = RegistrationForm(request.POST)  # a PublicForm
    if form.is_bot:
        return public_forms.refuse_bot(request, "event_registration")

- One honeypot: `PublicForm.homepage`, shown by core/includes/honeypot.html
  (hidden from people, filled in by bots). No public form has a real field of
  that name.
- One answer to a bot: 400 with a neutral message in the visitor's language;
  nothing is stored or sent, one log line names the form, never the visitor.
- One rate limit per client address and form (PUBLIC_FORM_RATES): every POST
  counts, valid or not; over the limit, a 429 page says when to try again.
- One privacy notice per locale, for the consent text: `privacy_url`.
- One plain-text rule for every text field (core.validators): control
  characters, and line breaks outside a text area, are refused.
"""

import logging
import math

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage
from wagtail.models import Page, Site

from core.validators import validate_multiline_text, validate_single_line_text

logger = logging.getLogger("outbound.public_forms")

PRIVACY_SLUG = "privacy"
# Home pages, one per locale, are the children of the tree's root.
HOME_PATH_LENGTH = 2 * Page.steplen


class PublicForm(forms.Form):
    """A form anyone may post; subclasses add their own fields."""

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def full_clean(self):
        # Attached here rather than in __init__ so that fields a subclass adds
        # in its own __init__ (a registration's attendee names) follow it too.
        # Refused, not removed: nothing the visitor typed is changed silently,
        # and the form comes back with their values to correct.
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                several_lines = isinstance(field.widget, forms.Textarea)
                rule = validate_multiline_text if several_lines else validate_single_line_text
                if rule not in field.validators:
                    field.validators.append(rule)
        super().full_clean()

    @property
    def honeypot(self):
        return self["homepage"]

    @property
    def is_bot(self):
        return bool(self.honeypot.data)


def refuse_bot(request, form_name):
    """The answer to a filled-in honeypot. Neutral, as a person whose browser
    filled the field in by mistake could see it."""
    logger.warning("%s: honeypot filled in, submission dropped", form_name)
    return render(request, "core/submission_refused.html", status=400)


def rate_limited(request, form_name):
    """The 429 answer when this address has posted `form_name` more often than
    PUBLIC_FORM_RATES allows in the current window, else None."""
    usage = get_usage(
        request,
        group=f"public_forms.{form_name}",
        key="ip",
        rate=settings.PUBLIC_FORM_RATES[form_name],
        method="POST",
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    if usage["limit"] == 0 and usage["time_left"] == -1:
        # django-ratelimit's answer when the cache (Redis) cannot count: the
        # public forms stay open, uncounted (the admin sign-in, edge/login.py,
        # stays closed instead: RATELIMIT_FAIL_OPEN is not set).
        logger.warning("%s: rate-limit counter unavailable, submission accepted uncounted", form_name)
        return None
    logger.warning("%s: rate limit reached", form_name)
    seconds_left = max(1, int(usage["time_left"]))
    response = render(request, "core/rate_limited.html", {"minutes_left": math.ceil(seconds_left / 60)}, status=429)
    response["Retry-After"] = str(seconds_left)
    return response


def _notice_under(home_path):
    notices = Page.objects.live().filter(slug=PRIVACY_SLUG, path__startswith=home_path, depth__gt=2)
    return notices.order_by("depth", "path").first()


def privacy_url(request, page=None):
    """The privacy notice that a form on `page` (default: the site's home page
    in the active language) links to: the live page with slug "privacy" under
    the home page of the page's locale, the shallowest if there are several.
    While it is not published in that language, the source-language notice is
    better than no link; "" when the site has none."""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    home_path = page.path[:HOME_PATH_LENGTH] if page is not None else site.root_page.localized.path
    notice = _notice_under(home_path) or _notice_under(site.root_page.path)
    return notice.get_url(request) if notice else ""

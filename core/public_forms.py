"""What every form that anyone may post shares: event registration, alert
subscription and listing application are protected the same way.

    if flooded := public_forms.flooded(request, "event_registration"):
        return flooded
    form = RegistrationForm(request.POST)  # a PublicForm
    if form.is_bot:
        return public_forms.refuse_bot(request, "event_registration")
    if form.is_valid():
        if limit := public_forms.accepted_limit(request, "event_registration", form):
            return limit.refuse(render_the_form_again(form))
        ...  # accept it
        public_forms.count_accepted(request, "event_registration")

- One honeypot: `PublicForm.homepage`, shown by core/includes/honeypot.html
  (hidden from people, filled in by bots). No public form has a real field of
  that name.
- One answer to a bot: 400 with a neutral message in the visitor's language;
  nothing is stored or sent, one log line names the form, never the visitor.
- Two rate limits per client address and form. PUBLIC_FORM_RATES counts
  accepted submissions only: a form sent back for correction costs nothing
  (a firm with a few typos, or several staff registering from one office
  network, is not locked out). Over it, the form comes back with everything
  typed, a message saying when to try again, status 429 and Retry-After.
  PUBLIC_FORM_FLOOD_RATE, much higher, counts every POST, valid or not,
  against floods of junk; over it, a 429 page (nothing worth keeping was typed).
- One privacy notice per locale, for the consent text: `privacy_url`.
- One plain-text rule for every text field (core.validators): control
  characters, and line breaks outside a text area, are refused.
"""

import logging
import math
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage
from wagtail.models import Page, Site

from core.validators import validate_multiline_text, validate_single_line_text
from edge.chrome import until_any_page_changes

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


@dataclass(frozen=True)
class Limit:
    """Over a limit: how long until the window ends."""

    seconds_left: int

    @property
    def minutes_left(self):
        return math.ceil(self.seconds_left / 60)

    def refuse(self, response):
        """`response` as the answer over the limit: 429, and when to retry."""
        response.status_code = 429
        response["Retry-After"] = str(self.seconds_left)
        return response


def _usage(request, group, rate, increment):
    """django-ratelimit's usage of `group` by this address, or None when the
    cache (Redis) cannot count: the public forms then stay open, uncounted
    (the admin sign-in, edge/login.py, stays closed: RATELIMIT_FAIL_OPEN is
    not set)."""
    usage = get_usage(request, group=group, key="ip", rate=rate, method="POST", increment=increment)
    if usage is not None and usage["limit"] == 0 and usage["time_left"] == -1:
        logger.warning("%s: rate-limit counter unavailable, submission accepted uncounted", group)
        return None
    return usage


def flooded(request, form_name):
    """The 429 page when this address has posted `form_name` more often than
    PUBLIC_FORM_FLOOD_RATE allows in the current window, else None. Every POST
    counts, valid or not."""
    usage = _usage(request, f"public_forms.flood.{form_name}", settings.PUBLIC_FORM_FLOOD_RATE, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    logger.warning("%s: flood limit reached", form_name)
    limit = Limit(max(1, int(usage["time_left"])))
    return limit.refuse(render(request, "core/rate_limited.html", {"minutes_left": limit.minutes_left}))


def _accepted_group(form_name):
    return f"public_forms.accepted.{form_name}"


def accepted_limit(request, form_name, form):
    """For a valid `form`: None while this address has had fewer than
    PUBLIC_FORM_RATES[form_name] submissions accepted in the current window
    (nothing is counted here; see count_accepted). Otherwise the Limit, with
    a message added to the form, which the view shows again with everything
    typed: `limit.refuse(response)`."""
    usage = _usage(request, _accepted_group(form_name), settings.PUBLIC_FORM_RATES[form_name], increment=False)
    if usage is None or (usage["count"] < usage["limit"] and usage["limit"] > 0):
        return None
    logger.warning("%s: rate limit reached", form_name)
    limit = Limit(max(1, int(usage["time_left"])))
    form.add_error(
        None,
        ngettext(
            "We have accepted this form from your network as often as we can in a short time. "
            "Nothing you typed is lost: please send it again in %(minutes)d minute.",
            "We have accepted this form from your network as often as we can in a short time. "
            "Nothing you typed is lost: please send it again in %(minutes)d minutes.",
            limit.minutes_left,
        )
        % {"minutes": limit.minutes_left},
    )
    return limit


def count_accepted(request, form_name):
    """Counts one accepted submission of `form_name` from this address."""
    _usage(request, _accepted_group(form_name), settings.PUBLIC_FORM_RATES[form_name], increment=True)


def _notice_under(home_path):
    notices = Page.objects.live().filter(slug=PRIVACY_SLUG, path__startswith=home_path, depth__gt=2)
    return notices.order_by("depth", "path").first()


def privacy_url(request, page=None):
    """The privacy notice that a form on `page` (default: the site's home page
    in the active language) links to: the live page with slug "privacy" under
    the home page of the page's locale, the shallowest if there are several.
    While it is not published in that language, the source-language notice is
    better than no link; "" when the site has none.

    Memoised per site and home page (or active language) until a page in any
    language is published, unpublished, moved or deleted, or anything
    site-wide changes (edge.chrome.until_any_page_changes: the notice may come
    from the source language's tree): looking it up read the page tree on
    every request of a page with a form."""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    home_path = page.path[:HOME_PATH_LENGTH] if page is not None else None

    def look_up():
        notice = _notice_under(home_path or site.root_page.localized.path) or _notice_under(site.root_page.path)
        return notice.get_url(request) if notice else ""

    return until_any_page_changes(("privacy url", site.pk, home_path or get_language()), look_up)

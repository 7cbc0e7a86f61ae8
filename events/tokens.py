"""Signed links to a registration (to see its status and cancel it).

The token is the registration id and an HMAC-SHA256 signature, made with the
site's secret key, of that id and the registration's random nonce:
`<id>-<64 hex digits>` (only characters Wagtail's page routes accept). It can
be rebuilt for every e-mail without being stored, and it cannot be forged or
edited. Purging the personal data empties the nonce: every link stops working.
Keys in SECRET_KEY_FALLBACKS are still accepted, so rotating the key does not
break links already sent.
"""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Registration

SALT = "events.registration-link"
TOKEN_PATTERN = re.compile(r"^(?P<id>[1-9][0-9]{0,17})-(?P<signature>[0-9a-f]{64})$")


class InvalidLink(Exception):
    """Tampered, truncated, for another event, or for purged data."""


def _signature(registration_id, nonce, secret=None):
    return salted_hmac(SALT, f"{registration_id}:{nonce}", secret=secret, algorithm="sha256").hexdigest()


def make_token(registration):
    return f"{registration.pk}-{_signature(registration.pk, registration.cancel_nonce)}"


def registration_for_token(token, event):
    """The registration the token was made for, if it belongs to `event` (any locale)."""
    match = TOKEN_PATTERN.match(token or "")
    if match is None:
        raise InvalidLink
    try:
        registration = Registration.objects.select_related("event").get(pk=int(match["id"]))
    except Registration.DoesNotExist as error:
        raise InvalidLink from error
    if not registration.cancel_nonce or registration.event.translation_key != event.translation_key:
        raise InvalidLink
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    expected = [_signature(registration.pk, registration.cancel_nonce, secret) for secret in secrets]
    if not any(constant_time_compare(signature, match["signature"]) for signature in expected):
        raise InvalidLink
    return registration

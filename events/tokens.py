"""Signed links to a registration: one to see its status and cancel it,
one (sent only to the e-mail address given) to confirm that address.

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
# Another salt: the status link, which the applicant's browser is sent to
# straight after registering, never confirms the address.
VERIFY_SALT = "events.registration-verify"
TOKEN_PATTERN = re.compile(r"^(?P<id>[1-9][0-9]{0,17})-(?P<signature>[0-9a-f]{64})$")


class InvalidLink(Exception):
    """Tampered, truncated, for another event, or for purged data."""


def _signature(registration_id, nonce, secret=None, salt=SALT):
    return salted_hmac(salt, f"{registration_id}:{nonce}", secret=secret, algorithm="sha256").hexdigest()


def make_token(registration, salt=SALT):
    return f"{registration.pk}-{_signature(registration.pk, registration.cancel_nonce, salt=salt)}"


def make_verify_token(registration):
    return make_token(registration, salt=VERIFY_SALT)


def registration_for_verify_token(token, event):
    return registration_for_token(token, event, salt=VERIFY_SALT)


def registration_for_token(token, event, salt=SALT):
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
    expected = [_signature(registration.pk, registration.cancel_nonce, secret, salt) for secret in secrets]
    if not any(constant_time_compare(signature, match["signature"]) for signature in expected):
        raise InvalidLink
    return registration

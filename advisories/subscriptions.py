"""Double opt-in: a subscription request, its signed confirmation link, and
the confirmation itself.

The confirmation token carries the choices made in the form, so choices
only ever change from a link opened in the subscriber's own mailbox: someone
who types another firm's address can neither subscribe it nor change what
it receives.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from advisories.models import Subscriber, normalise_email
from core.fields import normalise_codes
from core.links import absolute_url
from core.vocabularies import AdvisoryKind, DigestFrequency, DigestTopic, country_group_choices, is_country_code

CONFIRMATION_SALT = "advisories.subscription.confirm"
# One confirmation e-mail per address per interval, so the form cannot be
# used to flood someone's mailbox.
RESEND_INTERVAL = timedelta(minutes=10)


def confirmation_max_age():
    """Seconds a confirmation link stays valid (default three days)."""
    return getattr(settings, "ADVISORY_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)


class InvalidToken(Exception):
    """Tampered with, truncated, or naming a subscriber who no longer exists."""


class ExpiredToken(InvalidToken):
    pass


FOLLOW_DEFAULTS = {"groups": [], "digest": "", "digest_topics": []}


def make_confirmation_token(subscriber, countries, kinds, language, follow=None):
    """`follow`: the regions and blocs, digest frequency and digest topics chosen (FOLLOW_DEFAULTS)."""
    follow = {**FOLLOW_DEFAULTS, **(follow or {})}
    payload = {"s": subscriber.pk, "c": list(countries), "k": list(kinds), "l": language}
    payload.update(g=list(follow["groups"]), d=follow["digest"], t=list(follow["digest_topics"]))
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object(payload, compress=True)


def read_confirmation_token(token):
    """(subscriber, choices) for a valid token; raises ExpiredToken or InvalidToken."""
    signer = signing.TimestampSigner(salt=CONFIRMATION_SALT)
    try:
        payload = signer.unsign_object(token, max_age=confirmation_max_age())
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken from error
    choices = _valid_choices(payload)
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None:
        raise InvalidToken("the subscriber no longer exists")
    return subscriber, choices


def _valid_choices(payload):
    # Signed by us, but checked anyway: vocabularies can shrink between
    # sending the link and opening it.
    try:
        countries = [code for code in payload["c"] if is_country_code(code)]
        kinds = [kind for kind in payload["k"] if kind in AdvisoryKind.values]
        language = payload["l"] if payload["l"] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        int(payload["s"])
        # Links sent before following existed carry no g, d, t.
        known_groups = {key for key, _label in country_group_choices()}
        groups = [key for key in payload.get("g", []) if key in known_groups]
        digest = payload.get("d", "") if payload.get("d", "") in DigestFrequency.values else ""
        topics = [topic for topic in payload.get("t", []) if topic in DigestTopic.values]
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error
    return {
        "countries": countries,
        "kinds": kinds,
        "language": language,
        "groups": groups,
        "digest": digest,
        "digest_topics": topics,
    }


def request_subscription(email, countries, kinds, language, follow=None):
    """Record a pending subscription; returns (subscriber, token to e-mail),
    the token being None when a confirmation went to this address moments ago.

    An existing subscriber's choices are left untouched until the new link is
    confirmed.
    """
    email = normalise_email(email)
    now = timezone.now()
    countries = normalise_codes(countries, upper=True)
    kinds = normalise_codes(kinds)
    follow = {**FOLLOW_DEFAULTS, **(follow or {})}
    for name in ("groups", "digest_topics"):
        follow[name] = normalise_codes(follow[name])
    defaults = {
        "countries": countries,
        "kinds": kinds,
        "language": language,
        "confirmation_sent_at": now,
        **follow,
    }
    try:
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(email=email, defaults=defaults)
    except IntegrityError:  # the same address, submitted twice at once
        subscriber, created = Subscriber.objects.get(email=email), False
    if not created:
        recently = subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < RESEND_INTERVAL
        if recently:
            return subscriber, None
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=now)
    return subscriber, make_confirmation_token(subscriber, countries, kinds, language, follow)


def apply_choices(subscriber, choices):
    """Set what the subscriber follows (from a confirmation link or the manage page)."""
    for name in ("countries", "kinds", "language", "groups", "digest", "digest_topics"):
        setattr(subscriber, name, choices[name])


def confirm_subscription(subscriber, choices):
    apply_choices(subscriber, choices)
    subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
    subscriber.save()
    return subscriber


# ---------------------------------------------------------------- links in every e-mail


def unsubscribe_url(subscriber):
    with translation.override(subscriber.language):
        return absolute_url(reverse("advisories:unsubscribe", args=[subscriber.unsubscribe_token]))


def manage_url(subscriber):
    with translation.override(subscriber.language):
        return absolute_url(reverse("advisories:manage", args=[subscriber.unsubscribe_token]))


def list_headers(subscriber):
    """RFC 2369 and RFC 8058 headers: mail clients offer a one-click unsubscribe (one POST)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }

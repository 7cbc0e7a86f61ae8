"""E-mail subscriptions to advisories, and the record of which advisories
were mailed (each message is a core.models.EmailDelivery).

Subscribers are personal data: they are not indexed for search, not exposed
by any API, never logged by address (log lines name the subscriber id), and
deleted outright when they unsubscribe.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import (
    ChoiceListField,
    CountryListField,
    CountryTokensField,
    concerns_q,
    token_string,
    tokens_q,
)
from core.related import countries_in, groups_of
from core.vocabularies import AdvisoryKind, DigestFrequency, DigestTopic, Severity, country_group_choices


def new_unsubscribe_token():
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def matching(self, kind, country_codes, severity=Severity.ALERT):
        """Subscribers to e-mail at once about an advisory: who chose this kind
        (or any kind) and one of these countries, or a region or bloc holding
        one (or no country and no group: every country). An advisory for
        everywhere (no countries) concerns every country. Below alert level,
        followers who take new advisories in their digest wait for it."""
        subscribers = self.filter(tokens_q("kind_tokens", [kind], empty_means_all=True))
        if country_codes:
            subscribers = subscribers.filter(
                Q(country_tokens="", group_tokens="")
                | concerns_q(self.model, "countries", country_codes) & ~Q(country_tokens="")
                | tokens_q("group_tokens", groups_of(country_codes), empty_means_all=False)
            )
        if severity != Severity.ALERT:
            subscribers = subscribers.exclude(
                Q(digest__in=DigestFrequency.values)
                & (Q(digest_topic_tokens="") | Q(digest_topic_tokens__contains=f"|{DigestTopic.ADVISORIES}|"))
            )
        return subscribers


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    countries = CountryListField(_("countries"), help_text=_("Empty: every country."), empty_means_all=True)
    kinds = ChoiceListField(_("kinds of advisory"), choices=AdvisoryKind.choices, help_text=_("Empty: every kind."))
    groups = ChoiceListField(_("regions and blocs"), choices=country_group_choices())
    digest = models.CharField(_("digest"), max_length=10, choices=DigestFrequency.choices, blank=True)
    digest_topics = ChoiceListField(_("in the digest"), choices=DigestTopic.choices, help_text=_("Empty: everything."))
    country_tokens = CountryTokensField("countries")
    kind_tokens = models.TextField(blank=True, default="", editable=False)
    group_tokens = models.TextField(blank=True, default="", editable=False)
    digest_topic_tokens = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mail sent"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    # Random and stored (not derived from the address), so a link can be
    # revoked by deleting the subscriber; it never expires.
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_unsubscribe_token, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        # Staff may see (and export) and delete subscribers; nobody edits or
        # adds them: subscribers manage their own choices through double opt-in.
        default_permissions = ("view", "delete")

    def __str__(self):
        # Admin headings and delete confirmations: an id, never the address.
        return _("Subscriber %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.kind_tokens = token_string(self.kinds)
        self.group_tokens = token_string(self.groups)
        self.digest_topic_tokens = token_string(self.digest_topics)
        return super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def followed_countries(self):
        """The countries chosen and those of the regions and blocs chosen; None: every country."""
        if not self.countries and not self.groups:
            return None
        return set(self.countries) | countries_in(self.groups)


def normalise_email(address):
    """One subscription per mailbox, whatever the capitalisation."""
    return (address or "").strip().lower()


class AdvisoryMailing(models.Model):
    """One per advisory (all of its translations together), created when it is
    first published. Its existence is what makes a re-publish or an edit send
    nothing: a field on the page would be overwritten by older revisions."""

    translation_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Subscribers are matched once, when the mailing is first processed:
    # someone who subscribes later does not get it on a retry.
    recipients_chosen_at = models.DateTimeField(null=True, blank=True)
    skipped_reason = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("advisory mailing")
        verbose_name_plural = _("advisory mailings")

    def __str__(self):
        return f"mailing {self.pk} ({self.translation_key})"


class Digest(models.Model):
    """One digest period (a week or a month, by its first and last-plus-one day).
    Its e-mails are core.models.EmailDelivery rows (kind "advisories.digest",
    one per subscriber: the unique constraint makes a rerun send nothing twice).
    Holds no personal data."""

    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices)
    starts = models.DateField()
    ends = models.DateField()  # the day after the period
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [models.UniqueConstraint(fields=["frequency", "starts"], name="one_digest_per_period")]

    def __str__(self):
        return f"{self.frequency} digest from {self.starts}"

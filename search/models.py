"""What visitors searched for: counts per day, language and query, written
in batches by search.stats (never one write per search request)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_ALIAS_TERM_LENGTH = 60
_SEARCHABLE = re.compile(r"[^\W_]")


class SearchQueryStat(models.Model):
    date = models.DateField(_("date"), db_index=True)
    language_code = models.CharField(_("language"), max_length=20)
    query_string = models.CharField(_("search terms"), max_length=255)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(fields=["date", "language_code", "query_string"], name="search_stat_unique_day")
        ]

    def __str__(self):
        return f"{self.date} {self.language_code} {self.query_string}"


class PendingIndexUpdate(models.Model):
    """One object whose search index entry must be brought up to date (the
    search index outbox, search.outbox). Written in the same transaction as
    the content change; deleted only once every search backend accepted the
    update. At most one per object: later changes update the same row.
    Holds a model label and a primary key, never any of the object's text."""

    INDEX = "index"
    DELETE = "delete"
    ACTIONS = [(INDEX, _("add or update")), (DELETE, _("remove from the index"))]

    model_label = models.CharField(_("model"), max_length=100)
    object_pk = models.CharField(_("object ID"), max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=ACTIONS)
    requested_at = models.DateTimeField(_("requested at"))  # the latest change; an older attempt must not delete it
    created_at = models.DateTimeField(_("waiting since"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)  # the error's type only

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")
        constraints = [
            models.UniqueConstraint(fields=["model_label", "object_pk"], name="search_pending_update_unique_object")
        ]

    def __str__(self):
        return f"{self.action} {self.model_label} {self.object_pk}"


def split_terms(value):
    """The terms of an alias group: one per line or separated by commas (either script's)."""
    return [term.strip() for term in re.split(r"[\n,，、;；]", value or "") if term.strip()]


class SearchAlias(models.Model):
    """Names that mean the same thing, in either language (UAE, 阿联酋, United
    Arab Emirates): a query containing one also finds the others, on every
    backend, from the next search on (search.aliases; no re-indexing)."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Abbreviations and other names for the same thing, in Chinese and English, one per line "
            "or separated by commas: e.g. UAE, 阿联酋, United Arab Emirates."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why these terms are equivalent."))

    class Meta:
        verbose_name = _("search alias")
        verbose_name_plural = _("search aliases")
        ordering = ["terms"]

    def __str__(self):
        return " = ".join(self.term_list)

    @property
    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two terms that mean the same thing.")})
        if too_long := [term for term in terms if len(term) > MAX_ALIAS_TERM_LENGTH]:
            message = _("A term may be at most %(count)d characters: %(term)s")
            raise ValidationError({"terms": message % {"count": MAX_ALIAS_TERM_LENGTH, "term": too_long[0]}})
        if not all(_SEARCHABLE.search(term) for term in terms):
            raise ValidationError({"terms": _("Every term needs at least one letter or digit.")})

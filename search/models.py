"""What visitors searched for: counts per day, language and query, written
in batches by search.stats (never one write per search request)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

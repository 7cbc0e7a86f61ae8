"""Popular and zero-result queries, counted without a database write per
search: each process keeps counts in memory and writes them in one batch
every SEARCH_STATS_FLUSH_EVERY searches or SEARCH_STATS_FLUSH_SECONDS,
whichever comes first (and when the process exits). A lost batch (a worker
killed) loses a few counts, never a search.

The batch also feeds Wagtail's own query counts (search_promotions' Query and
QueryDailyHits), which its promoted-results chooser lists as popular queries.
"""

import atexit
import contextlib
import logging
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger("outbound.search")


def _setting(name, default):
    return getattr(settings, name, default)


class QueryCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self._searches = Counter()
        self._zero_results = Counter()
        self._pending = 0
        self._last_flush = time.monotonic()

    def record(self, language_code, query_string, result_count):
        if not query_string:
            return
        key = (timezone.localdate(), language_code, query_string[:255])
        with self._lock:
            self._searches[key] += 1
            if not result_count:
                self._zero_results[key] += 1
            self._pending += 1
            due = self._pending >= _setting("SEARCH_STATS_FLUSH_EVERY", 50) or (
                time.monotonic() - self._last_flush >= _setting("SEARCH_STATS_FLUSH_SECONDS", 300)
            )
        if due:
            self.flush()

    def pending(self):
        with self._lock:
            return self._pending

    def clear(self):
        with self._lock:
            self._take()

    def _take(self):
        searches, zero_results = self._searches, self._zero_results
        self._searches, self._zero_results = Counter(), Counter()
        self._pending = 0
        self._last_flush = time.monotonic()
        return searches, zero_results

    def flush(self):
        """Write the counts gathered so far; returns the number of searches written."""
        with self._lock:
            searches, zero_results = self._take()
        if not searches:
            return 0
        try:
            with transaction.atomic():
                _write_stats(searches, zero_results)
                _write_wagtail_hits(searches)
        except DatabaseError:
            logger.warning("search statistics: a batch of %d searches could not be saved", sum(searches.values()))
            return 0
        return sum(searches.values())


def _write_stats(searches, zero_results):
    from search.models import SearchQueryStat

    SearchQueryStat.objects.bulk_create(
        [SearchQueryStat(date=d, language_code=lang, query_string=q) for d, lang, q in searches],
        ignore_conflicts=True,
    )
    for (day, lang, query), count in searches.items():
        SearchQueryStat.objects.filter(date=day, language_code=lang, query_string=query).update(
            searches=F("searches") + count,
            zero_result_searches=F("zero_result_searches") + zero_results[(day, lang, query)],
        )
    max_age = _setting("SEARCH_STATS_MAX_AGE_DAYS", 180)
    SearchQueryStat.objects.filter(date__lt=timezone.localdate() - timedelta(days=max_age)).delete()


def _write_wagtail_hits(searches):
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    per_query = Counter()
    for (day, _lang, query), count in searches.items():
        per_query[(day, query)] += count
    strings = {query for _day, query in per_query}
    Query.objects.bulk_create([Query(query_string=q) for q in strings], ignore_conflicts=True)
    ids = dict(Query.objects.filter(query_string__in=strings).values_list("query_string", "pk"))
    QueryDailyHits.objects.bulk_create(
        [QueryDailyHits(query_id=ids[q], date=day) for day, q in per_query], ignore_conflicts=True
    )
    for (day, query), count in per_query.items():
        QueryDailyHits.objects.filter(query_id=ids[query], date=day).update(hits=F("hits") + count)


query_counter = QueryCounter()


@atexit.register
def _flush_at_exit():
    # The interpreter is going away (the database may be too): never raise here.
    with contextlib.suppress(Exception):
        query_counter.flush()

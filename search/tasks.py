"""The search index outbox's task (search/outbox.py), run by `manage.py db_worker`."""

import datetime

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from search import outbox

RETRY_SCHEDULED_KEY = "search-outbox-retry-scheduled"


@task()
def process_search_outbox(retry=False):
    """Apply the due outbox entries; while entries remain, enqueue one
    delayed run of itself for when the next is due (`retry=True`), so the
    worker keeps retrying through an outage without anyone's help."""
    if retry:
        cache.delete(RETRY_SCHEDULED_KEY)
    outcome = outbox.process_all()
    schedule_retry()
    return {"done": outcome.done, "failed": outcome.failed}


def schedule_retry():
    """One delayed run while entries wait (the cache key stops every failed
    publish from starting a retry chain of its own). Task backends that
    cannot delay a task (the immediate one of dev and tests) leave the
    retries to the scheduled command."""
    due = outbox.next_attempt_at()
    if due is None or not process_search_outbox.get_backend().supports_defer:
        return
    now = timezone.now()
    run_after = max(due, now)
    wait = (run_after - now).total_seconds()
    try:
        first = cache.add(RETRY_SCHEDULED_KEY, True, timeout=int(wait) + outbox.retry_delay(99))
    except Exception:  # noqa: BLE001 - the cache is down: better two retry chains than none
        first = True
    if first:
        process_search_outbox.using(run_after=run_after + datetime.timedelta(seconds=1)).enqueue(retry=True)

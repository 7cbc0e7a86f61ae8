"""The search index outbox: index work that survives a search engine outage.

modelsearch's own signal handlers index an object when it is saved and, when
the engine is unreachable, only log the failure: a page published during an
outage was never indexed. Here every save or deletion of an indexed model
(and every page publish, unpublish and move) writes a PendingIndexUpdate in
the same transaction as the change, and enqueues the `process_search_outbox`
task (process_search_outbox, below). Processing calls the backends directly; an entry is
deleted only once every backend accepted it. A refused update stays, with
its attempts counted and the next attempt pushed back (doubling, capped); the
task re-enqueues itself for then, and the scheduled `manage.py
process_search_outbox` catches anything left behind.

Only the models modelsearch indexes are recorded (pages, directory entries,
images, documents: public content); an entry holds a model label and a
primary key, never the object's text.
"""

import datetime
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import task
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import get_indexed_instance, get_indexed_models
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core.retries import doubling_delay
from search.errors import ENGINE_ERRORS
from search.models import PendingIndexUpdate

logger = logging.getLogger("outbound.search")

BATCH_SIZE = 200
_tracked_models = set()
_processing_held = ContextVar("search_outbox_processing_held", default=False)


def indexed_model(instance):
    """The model an object is indexed as: a page's specific type (known from
    its content type, without a query), otherwise its own class."""
    return getattr(instance, "specific_class", None) or type(instance)


def record(instances, action=PendingIndexUpdate.INDEX):
    """Write (or refresh) the outbox entries for these objects, in the
    current transaction, and enqueue their processing."""
    now = timezone.now()
    entries = {}
    for instance in instances:
        model = indexed_model(instance)
        if model in _tracked_models and instance.pk is not None:
            entry = PendingIndexUpdate(
                model_label=model._meta.label_lower,
                object_pk=str(instance.pk),
                action=action,
                requested_at=now,
                next_attempt_at=now,
            )
            entries[(entry.model_label, entry.object_pk)] = entry
    if not entries:
        return
    PendingIndexUpdate.objects.bulk_create(
        entries.values(),
        update_conflicts=True,
        unique_fields=["model_label", "object_pk"],
        update_fields=["action", "requested_at", "next_attempt_at"],  # attempts: the back-off keeps growing
    )
    if not _processing_held.get():
        enqueue_processing()


def enqueue_processing():
    """Enqueue the outbox's processing. With the database task backend the
    task row commits with the change (the worker sees both or neither); the
    immediate backend runs it now."""
    process_search_outbox.enqueue()


@contextmanager
def processing_held():
    """Record entries without enqueueing their processing on every save, for
    a run that saves many objects several times (an import); the caller
    calls enqueue_processing() once at the end."""
    token = _processing_held.set(True)
    try:
        yield
    finally:
        _processing_held.reset(token)


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: `update_index` builds the index afterwards
        record([instance])


def _on_delete(sender, instance, **kwargs):
    record([instance], PendingIndexUpdate.DELETE)


def _on_page_change(sender, instance, **kwargs):
    record([instance])


def _on_page_move(sender, instance, **kwargs):
    # The descendants' paths changed too (a search filter field: privacy and section filters read it).
    record([instance, *instance.get_descendants().only("pk", "content_type")])


def connect_handlers():
    """Take indexing over from modelsearch's handlers (search.apps).

    Runs before wagtail.search's ready(), which connects modelsearch's
    handlers only for models whose `search_auto_update` is true: it is set
    to false on every indexed model, and this module's handlers are
    connected instead."""
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        model.search_auto_update = False
        _tracked_models.add(model)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search_outbox_save_{model._meta.label_lower}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search_outbox_delete_{model._meta.label_lower}")
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(_on_page_change, dispatch_uid="search_outbox_publishing")
    post_page_move.connect(_on_page_move, dispatch_uid="search_outbox_move")


def retry_delay(attempts):
    """Seconds before the next attempt after `attempts` failures."""
    return doubling_delay(attempts, settings.SEARCH_OUTBOX_RETRY_SECONDS, settings.SEARCH_OUTBOX_MAX_RETRY_SECONDS)


def describe(error):
    """What an entry and the log keep of an error: its type and HTTP status,
    never its message (which may quote the document)."""
    status = getattr(error, "status_code", None) or getattr(error, "status", None)
    name = type(error).__name__
    return f"{name} {status}" if isinstance(status, int) else name


def _apply(entry, backends):
    model = apps.get_model(entry.model_label)
    instance = None
    if entry.action == PendingIndexUpdate.INDEX:
        obj = model.objects.filter(pk=entry.object_pk).first()
        if obj is not None:
            instance = get_indexed_instance(obj)  # None: not among the model's indexed objects
    for backend in backends:
        if instance is not None:
            backend.add(instance)
        else:
            backend.delete(model(pk=model._meta.pk.to_python(entry.object_pk)))


@dataclass
class Outcome:
    done: int = 0
    failed: int = 0
    error: str = ""


def process(due_only=True, limit=BATCH_SIZE):
    """Apply up to `limit` entries (the oldest first; with `due_only`, those
    whose back-off has passed). An engine error stops the run: the entries
    not yet tried count as failed with it. Logs once per run that failed."""
    now = timezone.now()
    entries = PendingIndexUpdate.objects.order_by("requested_at")
    if due_only:
        entries = entries.filter(next_attempt_at__lte=now)
    entries = list(entries[:limit])
    if not entries:
        return Outcome()
    backends = [backend for _name, backend in get_search_backends_with_name(with_auto_update=True)]
    outcome = Outcome()
    first_error = None
    first_failure = False  # of some entry: a warning; an entry's retries are logged at info
    for position, entry in enumerate(entries):
        try:
            with transaction.atomic():  # a database backend's failure rolls back only this entry
                _apply(entry, backends)
        except Exception as error:  # noqa: BLE001 - recorded and retried, never lost
            first_error = first_error or error
            engine_down = isinstance(error, ENGINE_ERRORS)
            failed = entries[position:] if engine_down else [entry]
            first_failure = first_failure or any(failed_entry.attempts == 0 for failed_entry in failed)
            for failed_entry in failed:
                _postpone(failed_entry, describe(error), now)
            outcome.failed += len(failed)
            if engine_down:
                break
            continue
        PendingIndexUpdate.objects.filter(pk=entry.pk, requested_at=entry.requested_at).delete()
        outcome.done += 1
    if first_error is not None:
        outcome.error = describe(first_error)
        # A warning once per entry, at its first failure (the admin's summary and the
        # command's exit status show a lasting backlog).
        logger.log(
            logging.WARNING if first_failure else logging.INFO,
            "search index: %d update(s) not accepted by the search backend (%s); retried from %s",
            outcome.failed,
            outcome.error,
            next_attempt_at(),
            exc_info=not isinstance(first_error, ENGINE_ERRORS),  # a bug, not an outage: its traceback helps
        )
    return outcome


def process_all(due_only=True):
    """process() batch after batch, until nothing is left or a batch failed."""
    total = Outcome()
    while True:
        outcome = process(due_only=due_only)
        total.done += outcome.done
        total.failed += outcome.failed
        total.error = total.error or outcome.error
        if outcome.failed or outcome.done < BATCH_SIZE:
            return total


def _postpone(entry, error, now):
    attempts = entry.attempts + 1
    PendingIndexUpdate.objects.filter(pk=entry.pk, requested_at=entry.requested_at).update(
        attempts=attempts,
        next_attempt_at=now + datetime.timedelta(seconds=retry_delay(attempts)),
        last_error=error,
    )


def next_attempt_at():
    return PendingIndexUpdate.objects.aggregate(next=Min("next_attempt_at"))["next"]


def backlog():
    """{"count", "oldest", "next_attempt", "last_error"} for operators."""
    summary = PendingIndexUpdate.objects.aggregate(
        count=Count("pk"), oldest=Min("created_at"), next_attempt=Min("next_attempt_at")
    )
    latest_failure = PendingIndexUpdate.objects.exclude(last_error="").order_by("-next_attempt_at").first()
    summary["last_error"] = latest_failure.last_error if latest_failure else ""
    return summary


# ---------------------------------------------------------------- the worker's task
RETRY_SCHEDULED_KEY = "search-outbox-retry-scheduled"


@task()
def process_search_outbox(retry=False):
    """Apply the due outbox entries; while entries remain, enqueue one
    delayed run of itself for when the next is due (`retry=True`), so the
    worker keeps retrying through an outage without anyone's help."""
    if retry:
        cache.delete(RETRY_SCHEDULED_KEY)
    outcome = process_all()
    schedule_retry()
    return {"done": outcome.done, "failed": outcome.failed}


def schedule_retry():
    """One delayed run while entries wait (the cache key stops every failed
    publish from starting a retry chain of its own). Task backends that
    cannot delay a task (the immediate one of dev and tests) leave the
    retries to the scheduled command."""
    due = next_attempt_at()
    if due is None or not process_search_outbox.get_backend().supports_defer:
        return
    now = timezone.now()
    run_after = max(due, now)
    wait = (run_after - now).total_seconds()
    try:
        first = cache.add(RETRY_SCHEDULED_KEY, True, timeout=int(wait) + retry_delay(99))
    except Exception:  # noqa: BLE001 - the cache is down: better two retry chains than none
        first = True
    if first:
        process_search_outbox.using(run_after=run_after + datetime.timedelta(seconds=1)).enqueue(retry=True)

"""The search index outbox (search/outbox.py): index work done while the
search engine is unreachable is kept and retried, so that everything
published during an outage becomes searchable without `update_index`.

Without the outbox (modelsearch's own handlers, which log a refused update
and drop it) a page published during an outage is never indexed: the tests
below that expect it to be found after processing would fail, and no
PendingIndexUpdate would exist to assert on."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from modelsearch.backends import get_search_backend
from wagtail.test.utils.form_data import rich_text

from events import booking
from guides.models import CountryGuidePage
from search import outbox
from search.backends.engine import create_indexes
from search.models import PendingIndexUpdate
from search.outbox import process_search_outbox, schedule_retry
from tests.conftest import engine_at, require_service
from tests.factories import (
    ApplicantFactory,
    CountryGuidePageFactory,
    EventPageFactory,
    InformationPageFactory,
    SubscriberFactory,
)
from tests.search.conftest import opensearch_reachable, opensearch_settings

pytestmark = pytest.mark.django_db


def guide_entry(page):
    return PendingIndexUpdate.objects.filter(model_label="guides.countryguidepage", object_pk=str(page.pk))


def found(query, model=CountryGuidePage):
    return list(get_search_backend().search(query, model.objects.live()))


@pytest.fixture
def outage(monkeypatch):
    """The database search backend refusing every update while `outage.down`
    (what an unreachable engine does to `add` and `delete`)."""

    class Outage:
        down = True

    backend_class = type(get_search_backend())
    for method in ("add", "delete"):
        original = getattr(backend_class, method)

        def refusing(self, obj, _original=original):
            if Outage.down:
                raise ConnectionError("search backend unreachable")
            return _original(self, obj)

        monkeypatch.setattr(backend_class, method, refusing)
    return Outage


# ------------------------------------------------------------------ database backend


def test_page_published_during_an_outage_is_indexed_when_the_backend_is_back(zh, outage):
    """Removing the outbox: the guide stays unfound after the backend is back."""
    guide = CountryGuidePageFactory(country="LA", title="老挝投资指南")
    assert guide.live  # publishing succeeded
    entry = guide_entry(guide).get()
    assert entry.attempts >= 1 and entry.last_error == "ConnectionError"
    assert entry.next_attempt_at > timezone.now()
    assert found("老挝") == []

    outage.down = False
    assert outbox.process().done == 0  # not due yet: the back-off is respected
    outcome = outbox.process(due_only=False)
    assert outcome.done >= 1 and outcome.failed == 0
    assert [page.pk for page in found("老挝")] == [guide.pk]
    assert not PendingIndexUpdate.objects.exists()


def test_a_refused_update_is_retried_without_any_new_change(zh, outage):
    """The retry alone indexes the page (no save in between): without the
    entry kept after the failure, nothing would ever send it again."""
    guide = CountryGuidePageFactory(country="MM", title="缅甸投资指南")
    outage.down = False
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now())  # the back-off has passed
    assert outbox.process().failed == 0
    assert [page.pk for page in found("缅甸")] == [guide.pk]


def test_failures_back_off_and_the_error_keeps_no_message(zh, outage, settings, caplog):
    settings.SEARCH_OUTBOX_RETRY_SECONDS = 10
    settings.SEARCH_OUTBOX_MAX_RETRY_SECONDS = 35
    assert [outbox.retry_delay(attempts) for attempts in (1, 2, 3, 4)] == [10, 20, 35, 35]
    guide = CountryGuidePageFactory(country="MM")
    attempts = guide_entry(guide).get().attempts
    caplog.clear()
    for _ in range(3):
        PendingIndexUpdate.objects.update(next_attempt_at=timezone.now())
        before = timezone.now()
        assert outbox.process().failed >= 1
        entry = guide_entry(guide).get()
        attempts += 1
        assert entry.attempts == attempts
        assert 0 <= (entry.next_attempt_at - before).total_seconds() - outbox.retry_delay(attempts) < 2
    assert entry.last_error == "ConnectionError"  # the type only, never the message
    assert not [record for record in caplog.records if record.levelname == "WARNING"]  # warned once, at publishing


def test_saves_of_one_object_are_coalesced_into_one_entry(zh, outage):
    guide = CountryGuidePageFactory(country="LA")
    for title in ("老挝指南一", "老挝指南二", "老挝指南三"):
        guide.title = title
        guide.save_revision().publish()
    assert guide_entry(guide).count() == 1
    outage.down = False
    outbox.process(due_only=False)
    assert [page.pk for page in found("老挝指南三")] == [guide.pk]


def test_a_deletion_during_an_outage_is_recorded_and_sent_later(zh, outage):
    guide = CountryGuidePageFactory(country="LA", title="老挝投资指南")
    guide.delete()
    assert guide_entry(guide).get().action == PendingIndexUpdate.DELETE
    outage.down = False
    assert outbox.process(due_only=False).failed == 0  # removing what is already gone is accepted
    assert not PendingIndexUpdate.objects.exists()


def test_moving_a_page_records_it_and_its_descendants(home, outage):
    """Their paths changed (a filter field the engine holds); without the move handler only the moved page is saved."""
    outage.down = False
    section = InformationPageFactory(title="栏目", slug="section")
    child = InformationPageFactory(parent=section, title="子页", slug="child")
    other = InformationPageFactory(title="另一栏目", slug="other")
    assert not PendingIndexUpdate.objects.exists()
    outage.down = True
    section.move(other, pos="last-child")
    waiting = set(PendingIndexUpdate.objects.values_list("model_label", "object_pk"))
    assert {("home.informationpage", str(section.pk)), ("home.informationpage", str(child.pk))} <= waiting


def test_an_update_made_while_one_is_processed_is_not_lost(zh, outage):
    """An entry is deleted only if no change was recorded after it was read."""
    guide = CountryGuidePageFactory(country="LA")
    entry = guide_entry(guide).get()
    outbox.record([guide])  # a newer change, after `entry` was read
    deleted, _ = PendingIndexUpdate.objects.filter(pk=entry.pk, requested_at=entry.requested_at).delete()
    assert deleted == 0
    assert guide_entry(guide).exists()


def test_personal_data_never_enters_the_outbox(zh, outage):
    """Registrations and subscribers are not indexed models: saving them records nothing."""
    outage.down = False
    event = EventPageFactory(capacity=10)
    PendingIndexUpdate.objects.all().delete()
    outage.down = True
    booking.register(event, ApplicantFactory())
    SubscriberFactory()
    assert not PendingIndexUpdate.objects.exists()
    assert {model._meta.app_label for model in outbox._tracked_models} <= {
        "home",
        "guides",
        "advisories",
        "events",
        "directory",
        "policies",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
    }
    assert not any(model._meta.model_name in {"registration", "subscriber"} for model in outbox._tracked_models)


def test_the_worker_retries_on_its_own_once(zh, outage, settings):
    """With a task backend that can delay a task (the database one in
    production), a failed run enqueues one delayed run of the task for the
    next due entry; further failures do not start more. Without it, the
    worker would never look at the outbox again until the next change."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    CountryGuidePageFactory(country="LA")  # the dummy backend only queues: nothing ran
    assert outbox.process().failed >= 1
    schedule_retry()
    schedule_retry()  # a second failed run while the retry is queued
    queued = [result for result in default_task_backend.results if result.kwargs == {"retry": True}]
    assert len(queued) == 1
    assert queued[0].task.run_after >= outbox.next_attempt_at()

    outage.down = False
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    process_search_outbox.call(retry=True)
    assert not PendingIndexUpdate.objects.exists()
    assert [result for result in default_task_backend.results if result.kwargs == {"retry": True}] == queued


def test_the_command_processes_the_backlog_and_fails_while_the_backend_refuses(zh, outage, capsys):
    from django.core.management.base import CommandError

    guide = CountryGuidePageFactory(country="LA", title="老挝投资指南")
    with pytest.raises(CommandError, match="ConnectionError"):
        call_command("process_search_outbox", "--all")
    outage.down = False
    call_command("process_search_outbox", "--all")
    assert "0 waiting" in capsys.readouterr().out
    assert [page.pk for page in found("老挝")] == [guide.pk]


def test_held_processing_indexes_each_object_once_at_the_end(zh):
    """An import (interchange) saves each page several times: while processing
    is held, saves only record entries (one per object); one run at the end indexes them."""
    with outbox.processing_held():
        guide = CountryGuidePageFactory(country="LA", title="老挝投资指南")
        guide.save_revision().publish()
        assert guide_entry(guide).count() == 1
        assert found("老挝") == []
    outbox.enqueue_processing()
    assert [page.pk for page in found("老挝")] == [guide.pk]
    assert not PendingIndexUpdate.objects.exists()


# ------------------------------------------------------------------ OpenSearch


@pytest.fixture
def live_engine():
    """Settings for a fresh index set on the OpenSearch node (OPENSEARCH_URL)."""
    require_service(opensearch_reachable(), "needs a running OpenSearch node: set OPENSEARCH_URL (make opensearch)")
    prefix = f"test_{uuid.uuid4().hex[:10]}_"
    live = override_settings(WAGTAILSEARCH_BACKENDS=opensearch_settings(prefix))
    with live:
        backend = get_search_backend()
        create_indexes(backend)
    try:
        yield live
    finally:
        backend.es.indices.delete(index=f"{prefix}*")


def search_page(client, query):
    get_search_backend().refresh_indexes()
    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def engine_hits(query):
    """Primary keys the engine matches among live guides (its own filter, no database check)."""
    backend = get_search_backend()
    backend.refresh_indexes()
    return [pk for pk, _score in backend.search(query, CountryGuidePage.objects.live()).ranked_ids(10)]


def test_opensearch_outage_publish_then_process_makes_the_page_searchable(zh, client, live_engine, closed_port):
    """The engine unreachable (a closed port): publishing succeeds and leaves
    an outbox entry; once the engine is back, `process_search_outbox` sends
    it and the site search finds the page, with no `update_index`. Removing
    the outbox leaves the page unfound."""
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        guide = CountryGuidePageFactory(country="LA", title="老挝投资指南", summary="万象赛色塔综合开发区。")
    assert guide.live
    assert guide_entry(guide).get().last_error == "ConnectionError"

    with live_engine:
        assert guide.url not in search_page(client, "赛色塔")
        call_command("process_search_outbox", "--all")
        assert guide.url in search_page(client, "赛色塔")
    assert not PendingIndexUpdate.objects.exists()


def test_opensearch_outage_unpublish_is_applied_when_the_engine_is_back(zh, client, live_engine, closed_port):
    """An unpublished page must leave the engine's results: the engine filters
    on the indexed `live` field, so the refused update would keep it found."""
    with live_engine:
        guide = CountryGuidePageFactory(country="LA", title="老挝投资指南", summary="万象赛色塔综合开发区。")
        assert guide.url in search_page(client, "赛色塔")
    url = guide.url
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        guide.unpublish()
    assert guide_entry(guide).exists()
    with live_engine:
        assert engine_hits("赛色塔") == [guide.pk]  # stale while the update waits
        call_command("process_search_outbox", "--all")
        assert engine_hits("赛色塔") == []
        assert url not in search_page(client, "赛色塔")


def test_opensearch_outage_deletion_is_applied_when_the_engine_is_back(zh, live_engine, closed_port):
    """A page deleted while the engine is unreachable stays in its index until the outbox sends the removal."""
    with live_engine:
        guide = CountryGuidePageFactory(country="LA", title="老挝投资指南", summary="万象赛色塔综合开发区。")
        guide_pk = guide.pk
        assert engine_hits("赛色塔") == [guide_pk]
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        guide.delete()
    with live_engine:
        backend = get_search_backend()
        backend.refresh_indexes()
        assert [pk for pk, _ in backend.search("赛色塔", CountryGuidePage).ranked_ids(10)] == [guide_pk]
        call_command("process_search_outbox", "--all")
        backend.refresh_indexes()
        assert backend.search("赛色塔", CountryGuidePage).ranked_ids(10) == []
    assert not PendingIndexUpdate.objects.exists()


# ------------------------------------------------------------------ admin


def test_publishing_through_the_admin_succeeds_while_the_engine_is_down(client, admin_user, home, closed_port):
    draft = InformationPageFactory(title="草稿", slug="draft-page", body="<p>初稿</p>", live=False)
    client.force_login(admin_user)
    data = {"title": "服务说明", "slug": "draft-page", "summary": "", "body": rich_text("<p>正文</p>")}
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {**data, "action-publish": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == "服务说明"
    assert PendingIndexUpdate.objects.filter(model_label="home.informationpage", object_pk=str(draft.pk)).exists()


def test_superusers_see_the_backlog_on_the_dashboard(client, admin_user, editor, zh, outage):
    """The admin speaks the default language, Chinese, here."""
    CountryGuidePageFactory(country="LA")
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "条搜索索引更新等待处理" in html and "最近一次错误：ConnectionError" in html
    client.force_login(editor)
    assert "搜索索引" not in client.get(reverse("wagtailadmin_home")).content.decode()

    outage.down = False
    outbox.process(due_only=False)
    client.force_login(admin_user)
    assert "搜索索引已是最新" in client.get(reverse("wagtailadmin_home")).content.decode()

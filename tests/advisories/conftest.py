import datetime
import itertools
import logging

import pytest
from django.core.cache import cache
from django.utils import timezone

from advisories.models import AdvisoryIndexPage, AdvisoryPage, Subscriber
from core.translation import translate

_slugs = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def advisory_log(caplog):
    """Records of the "outbound" loggers (advisories, and core.mail which sends
    its e-mail), which do not propagate to the root."""
    logger = logging.getLogger("outbound")
    logger.addHandler(caplog.handler)
    with caplog.at_level(logging.INFO, logger="outbound"):
        yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def index_zh(zh):
    return AdvisoryIndexPage.objects.get(locale=zh)


@pytest.fixture
def index_en(en):
    return AdvisoryIndexPage.objects.get(locale=en)


def _default_issue_date(expires):
    today = timezone.localdate()
    return expires - datetime.timedelta(days=30) if expires and expires < today else today


def create_advisory(
    index_page,
    title,
    *,
    kind="legal",
    severity="info",
    countries=(),
    issued=None,
    expires=None,
    summary="",
    body_html="<p>正文。</p>",
    publish=True,
):
    advisory = AdvisoryPage(
        title=title,
        slug=f"advisory-{next(_slugs)}",
        kind=kind,
        severity=severity,
        countries=list(countries),
        issued=issued or _default_issue_date(expires),
        expires=expires,
        summary=summary or f"{title}的摘要。",
        body=[("rich_text", body_html)],
        live=publish,  # a new page is live unless told otherwise
    )
    index_page.add_child(instance=advisory)
    revision = advisory.save_revision()
    if publish:
        revision.publish()
        advisory.refresh_from_db()
    return advisory


@pytest.fixture
def make_advisory(index_zh, django_capture_on_commit_callbacks):
    """Publish a Chinese advisory (on-commit callbacks run, as in production)."""

    def make(title, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return create_advisory(index_zh, title, **kwargs)

    return make


@pytest.fixture
def translate_advisory(en, django_capture_on_commit_callbacks):
    def make(advisory, title, summary="Summary in English.", body_html="<p>Body.</p>"):
        return translate_page(advisory, en, title, summary, body_html, django_capture_on_commit_callbacks)

    return make


def translate_page(advisory, locale, title, summary, body_html, capture_on_commit):
    """wagtail-localize pairs segments by block id: the translated body keeps the source's ids."""
    body = [{"type": block.block_type, "id": block.id, "value": body_html} for block in advisory.body]
    with capture_on_commit(execute=True):
        return translate(advisory, locale, {"title": title, "summary": summary, "body": body})


@pytest.fixture
def make_subscriber(db):
    def make(email, *, countries=(), kinds=(), language="zh-hans", confirmed=True):
        return Subscriber.objects.create(
            email=email,
            countries=list(countries),
            kinds=list(kinds),
            language=language,
            confirmed_at=timezone.now() if confirmed else None,
        )

    return make


def days(n):
    return datetime.timedelta(days=n)

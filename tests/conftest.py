"""Shared fixtures.

The site structure (home pages, section pages, centre details) is built once
per test database by the same code as `manage.py setup_site`; every test then runs
inside a transaction that is rolled back.

Services: tests that need PostgreSQL, OpenSearch or Chromium call
`require_service`; on a newcomer's machine a missing service skips with the
reason, under CI (CI=true) it fails the run.
"""

import json
import logging
import os
import socket
import time
from pathlib import Path
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from wagtail.models import Locale, Site

from core.site_structure import set_up_site
from search.stats import query_counter

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# The shared, read-only sample bundle beside the checkout (../shared).
SAMPLE_BUNDLE = Path(settings.BASE_DIR).parent / "shared" / "content" / "sample-bundle.json"


def require_service(available, reason):
    """Skip (newcomer's machine) or fail (CI) when a service is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"required service missing under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def load_sample_bundle():
    """The shared sample bundle, read afresh (callers may change it)."""
    require_service(SAMPLE_BUNDLE.exists(), f"needs the shared sample bundle at {SAMPLE_BUNDLE}")
    return json.loads(SAMPLE_BUNDLE.read_text(encoding="utf-8"))


def engine_at(url):
    """Settings pointing search at an OpenSearch node at `url` (one that is not there, in tests)."""
    return override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "search.backends.opensearch", "URLS": [url], "TIMEOUT": 1, "INDEX_PREFIX": "gone_"}
        }
    )


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free again: nothing listens there


@pytest.fixture
def sample_bundle():
    return load_sample_bundle()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages live in the cache: no test sees another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_search_counts():
    """Search counts are batched in process memory and written when the batch
    is due (by size or age): a batch left by an earlier test, or one that
    came due during a long run, would be written inside another test's request."""
    query_counter.clear()
    yield
    query_counter.clear()


@pytest.fixture(autouse=True)
def _rate_limit_clock(monkeypatch):
    """django-ratelimit counts per time window; a window that closed mid-test
    would reset the count, so its clock stands still for the length of a test."""
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def outbound_log(caplog):
    """Records of the site's "outbound" loggers (which do not propagate to the root)."""
    logger = logging.getLogger("outbound")
    logger.addHandler(caplog.handler)
    with caplog.at_level(logging.INFO, logger="outbound"):
        yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        set_up_site()
    yield
    # Searches counted by the last tests must not be flushed at exit into the
    # real database named by the settings (the test database is gone by then).
    query_counter.clear()


@pytest.fixture
def postgres(db):
    """PostgreSQL-only tests: skipped on the SQLite run (CI runs the whole
    suite again with DATABASE_URL pointing at PostgreSQL, where they must run)."""
    if connection.vendor == "postgresql":
        return
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.fail("DATABASE_URL names PostgreSQL but the tests are not running on it", pytrace=False)
    pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")


@pytest.fixture
def zh(db):
    return Locale.objects.get(language_code="zh-hans")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific


def _user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw-for-tests-only")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _user_in("Editors", "editor")


@pytest.fixture
def reviewer(db):
    return _user_in("Reviewers", "reviewer")


@pytest.fixture
def translator(db):
    return _user_in("Translators", "translator")


@pytest.fixture
def event_manager(db):
    return _user_in("Event managers", "eventmanager")


@pytest.fixture
def directory_editor(db):
    return _user_in("Directory editors", "directoryeditor")


@pytest.fixture
def subscription_manager(db):
    return _user_in("Subscription managers", "privacy")

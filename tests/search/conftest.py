"""Search tests run against the database backend (SQLite, or PostgreSQL when
DATABASE_URL is set) and, through the `engine` fixture, against a real
OpenSearch node when OPENSEARCH_URL is set (required under CI)."""

import datetime
import os
import uuid
from dataclasses import dataclass
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from django.db import transaction
from django.test import override_settings
from modelsearch.backends import get_search_backend

from search.backends.engine import create_indexes
from tests.conftest import require_service
from tests.factories import AdvisoryPageFactory, CountryGuidePageFactory, DirectoryEntryFactory, EventPageFactory

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "").rstrip("/")


def opensearch_reachable():
    if not OPENSEARCH_URL:
        return False
    try:
        with urlopen(f"{OPENSEARCH_URL}/_cluster/health", timeout=5) as response:  # noqa: S310 - a test-only local URL
            return response.status == 200
    except (URLError, OSError):
        return False


@dataclass
class Engine:
    name: str
    backend: object

    def refresh(self):
        if self.name == "opensearch":
            self.backend.refresh_indexes()


def opensearch_settings(prefix):
    return {
        "default": {
            "BACKEND": "search.backends.opensearch",
            "URLS": [OPENSEARCH_URL],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 20,
            "ATOMIC_REBUILD": False,
        }
    }


@pytest.fixture(scope="module", params=["database", "opensearch"])
def engine(request):
    """The backend under test, for a whole module (content is built once per engine)."""
    if request.param == "database":
        yield Engine("database", get_search_backend())
        return
    require_service(opensearch_reachable(), "needs a running OpenSearch node: set OPENSEARCH_URL (make opensearch)")
    prefix = f"test_{uuid.uuid4().hex[:10]}_"
    with override_settings(WAGTAILSEARCH_BACKENDS=opensearch_settings(prefix)):
        backend = get_search_backend()
        create_indexes(backend)
        try:
            yield Engine("opensearch", backend)
        finally:
            backend.es.indices.delete(index=f"{prefix}*")


@pytest.fixture(scope="module")
def scenario(engine, django_db_setup, django_db_blocker):
    """The behaviour tests' content, built once per module and engine inside a
    transaction that is rolled back afterwards (each test's own changes are
    rolled back to it by pytest-django's savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        made = build_scenario()
        engine.refresh()
        yield made
        transaction.set_rollback(True)


def fresh(page):
    """The scenario's page as the database has it (an earlier test's changes
    to the shared instance were rolled back in the database only)."""
    return type(page).objects.get(pk=page.pk)


# The scenario's items carry only the text given here (no body, sections or
# city), so each search term is found exactly where a test expects it.


def _guide(language, title, summary, country, slug, live=True):
    return CountryGuidePageFactory(
        language=language,
        title=title,
        summary=summary,
        country=country,
        slug=slug,
        live=live,
        reviewed=datetime.date(2026, 1, 15),
        sections=[],
    )


def _advisory(language, title, summary, slug, kind="ip"):
    return AdvisoryPageFactory(language=language, title=title, summary=summary, slug=slug, kind=kind, body=[])


def _event(language, title, summary, slug, countries=()):
    return EventPageFactory(
        language=language,
        title=title,
        summary=summary,
        slug=slug,
        online=True,
        venue="线上",
        capacity=50,
        countries=list(countries),
        body=[],
    )


def _entry(name, description, key, country, kind="law-firm", status="listed"):
    return DirectoryEntryFactory(
        name=name, description=description, key=key, country=country, kind=kind, status=status, city=""
    )


def build_scenario():
    """The pages the behaviour tests search: each term appears where a test expects it."""
    return {
        "cambodia_zh": _guide(
            "zh-hans",
            "柬埔寨投资指南",
            "柬埔寨西港特区是中柬合作的重点园区，适合纺织和汽车零部件企业投资。",
            "KH",
            "cambodia",
        ),
        "vietnam_zh": _guide(
            "zh-hans", "越南投资指南", "越南北部工业园区吸引电子企业，劳动力成本较低。", "VN", "vietnam"
        ),
        "cambodia_en": _guide(
            "en",
            "Cambodia Investment Guide",
            "The Sihanoukville Special Economic Zone hosts textile and auto parts factories.",
            "KH",
            "cambodia",
        ),
        "ip_zh": _advisory(
            "zh-hans",
            "进入海外市场前请先布局商标和专利",
            "通过马德里体系和PCT保护知识产权，避免商标被抢注。",
            "madrid-pct",
        ),
        "knowledge_zh": _advisory(
            "zh-hans",
            "重视员工专业知识培训",
            "企业应为外派员工提供当地法律知识和安全常识培训。",
            "staff-training",
            kind="legal",
        ),
        "ip_en": _advisory(
            "en",
            "Protect trademarks and patents before entering a market",
            "Use the Madrid System and the PCT to protect intellectual property abroad.",
            "madrid-pct",
        ),
        "registration_en": _advisory(
            "en",
            "Foreign exchange registration for outbound investment",
            "Complete the registration of overseas direct investment with your bank on time.",
            "forex-registration",
            kind="forex",
        ),
        "briefing_zh": _event(
            "zh-hans",
            "柬埔寨西港特区投资说明会",
            "介绍西港特区的入园政策和物流条件。",
            "sez-briefing",
            countries=["KH"],
        ),
        "draft_zh": _guide("zh-hans", "泰国投资指南", "泰国东部经济走廊西港特区草稿。", "TH", "thailand", live=False),
        "lawyer_zh": _entry(
            "湄公桥律师事务所", "为在柬埔寨西港特区投资的企业提供公司设立和劳动法服务。", "mekong-legal", "KH"
        ),
        "pending_zh": _entry(
            "待审核西港特区咨询公司", "申请入驻，尚未审核。", "pending-sez", "KH", kind="consulting", status="pending"
        ),
        "withdrawn_zh": _entry(
            "已撤销西港特区物流公司", "已退出名录。", "withdrawn-sez", "KH", kind="logistics", status="withdrawn"
        ),
    }

"""Ranking by nearness: of two results that hold every word of the query, the
one with the words together ranks first, on the database backend (SQLite, or
PostgreSQL with DATABASE_URL: a re-rank of the best results by the shortest
run of text holding all the words) and on OpenSearch (a phrase-with-slop
`should` clause). Each test has a control: without the nearness step the guide
that mentions the words far apart ranks first, so the ordering is the
mechanism's doing, not the content's."""

import pytest
from django.db import connection, transaction
from wagtail.models import Locale

from search import service
from search.backends.database import nearness
from search.backends.engine import NearnessQueryMixin
from search.query import parse
from tests.search.conftest import _advisory, _guide

pytestmark = pytest.mark.django_db

QUERY = "labour dispute mediation"

# Every word (labour twice), never two of them within a dozen words of each other.
GUIDE_TEXT = (
    "Labour law in Vietnam sets working hours and overtime pay, and labour contracts must be in writing. "
    "Land leases run for fifty years; a dispute over a lease goes to the provincial court. Each province "
    "runs free centres for commercial matters, where mediation is quick."
)
ADVISORY_TEXT = (
    "From next year employers must try labour dispute mediation before a claim reaches a court. Keep "
    "written records of working hours and overtime, and tell the local office when a claim is filed."
)


@pytest.fixture(scope="module")
def far_and_near(engine, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        made = {
            "guide": _guide("en", "Vietnam Investment Guide", GUIDE_TEXT, "VN", "vietnam-nearness"),
            "advisory": _advisory("en", "New rules for employers", ADVISORY_TEXT, "labour-rules", kind="legal"),
        }
        engine.refresh()
        yield made
        transaction.set_rollback(True)


def ranked(engine):
    """[(title, relevance)] best first."""
    outcome = service.search(parse(QUERY), Locale.objects.get(language_code="en"))
    return [(hit.obj.title, hit.relevance) for hit in service.load_page(outcome, parse(QUERY), None).page.object_list]


def advisory_lead(results):
    """The advisory's relevance over the guide's."""
    scores = dict(results)
    return scores["New rules for employers"] / scores["Vietnam Investment Guide"]


def without_nearness(monkeypatch):
    monkeypatch.setattr(nearness, "NEARNESS_WEIGHT", 0.0)
    monkeypatch.setattr(NearnessQueryMixin, "nearness_boost", 0.0)


def test_the_words_together_rank_above_the_words_far_apart(engine, far_and_near):
    assert [title for title, _ in ranked(engine)] == ["New rules for employers", "Vietnam Investment Guide"]


def test_control_without_the_nearness_step(engine, far_and_near, monkeypatch):
    """The nearness step is what puts the advisory ahead: without it the
    advisory's lead shrinks by half or more on every backend, and on SQLite's
    bm25() and OpenSearch's BM25 (which score the guide's repeated "labour"
    higher) the guide ranks first. (PostgreSQL's ts_rank already prefers the
    advisory a little.)"""
    with_step = ranked(engine)
    without_nearness(monkeypatch)
    without_step = ranked(engine)
    assert advisory_lead(without_step) * 1.5 < advisory_lead(with_step)
    if engine.name == "opensearch" or connection.vendor == "sqlite":
        assert without_step[0][0] == "Vietnam Investment Guide"

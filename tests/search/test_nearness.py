"""Ranking by nearness: of two results that hold every word of the query, the
one with the words together ranks first, on the database backend (SQLite, or
PostgreSQL with DATABASE_URL: a re-rank of the best results by the shortest
run of text holding all the words) and on OpenSearch (a phrase-with-slop
`should` clause). Each test has a control: without the nearness step the guide
that mentions the words far apart ranks first, so the ordering is the
mechanism's doing, not the content's."""

import pytest
from django.db import transaction
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


def ranked_titles(engine):
    outcome = service.search(parse(QUERY), Locale.objects.get(language_code="en"))
    return [hit.obj.title for hit in service.load_page(outcome, parse(QUERY), None).page.object_list]


def without_nearness(monkeypatch):
    monkeypatch.setattr(nearness, "NEARNESS_WEIGHT", 0.0)
    monkeypatch.setattr(NearnessQueryMixin, "nearness_boost", 0.0)


def test_the_words_together_rank_above_the_words_far_apart(engine, far_and_near):
    assert ranked_titles(engine) == ["New rules for employers", "Vietnam Investment Guide"]


def test_control_without_the_nearness_step_the_guide_ranks_first(engine, far_and_near, monkeypatch):
    without_nearness(monkeypatch)
    assert ranked_titles(engine) == ["Vietnam Investment Guide", "New rules for employers"]

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


def _positions_by_splitting(text, terms):
    """The positions as the stored text split into tokens gives them (what
    nearness read before it searched the text as one string)."""
    tokens = text.split(maxsplit=nearness.MAX_TOKENS)[: nearness.MAX_TOKENS]
    found = {}
    for term in terms:
        positions = [
            i for i, token in enumerate(tokens) if token == term.text or (term.prefix and token.startswith(term.text))
        ]
        if positions:
            found[term] = positions
    return found


def test_positions_are_those_of_the_split_tokens():
    """nearness._positions reads the stored text as a string (a regular
    expression and counted spaces): the same positions as splitting it into
    tokens, for whole tokens only (投资 is not found in 外商投资 nor "invest" in
    "reinvest"), prefixes, uneven spacing and texts past MAX_TOKENS."""
    import random

    from search.text import QueryTerm

    rng = random.Random(15)
    vocabulary = [
        "invest",
        "investor",
        "investment",
        "reinvest",
        "law",
        "firm",
        "越南",
        "投资",
        "外商投资",
        "a.b",
        "x*y",
    ]
    compared = 0
    for round_number in range(1500):
        length = rng.randint(2990, 3010) if round_number % 50 == 0 else rng.randint(0, 40)
        separators = [" ", " ", " ", "  ", "\n"]
        text = "".join(rng.choice(vocabulary) + rng.choice(separators) for _ in range(length))
        text = rng.choice(["", " "]) + (text if rng.random() < 0.5 else text.rstrip())
        terms = {QueryTerm(rng.choice(vocabulary), prefix=rng.random() < 0.3) for _ in range(rng.randint(1, 4))}
        expected = _positions_by_splitting(text, terms)
        assert nearness._positions(nearness.stored_tokens(text), terms) == expected, (text[:80], terms)
        compared += bool(expected)
    assert compared > 500  # most rounds found something to compare

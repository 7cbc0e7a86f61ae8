"""SQLite ranks every source in one query (search.service._collect_in_one_pass,
SegmentingSQLiteSearchResults.relevance_ranked_entries): the results must
be exactly those of a ranked query per source."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend

from search import service
from search.query import parse
from tests.search.conftest import fresh

pytestmark = pytest.mark.django_db


FTS_TABLE = "wagtailsearch_indexentry_fts"


@pytest.fixture(scope="module", params=["database"])
def engine(request):
    """The configured database backend; the one pass is SQLite's (PostgreSQL
    and the engines rank per source)."""
    from tests.search.conftest import Engine

    backend = get_search_backend()
    if not hasattr(backend.results_class, "relevance_ranked_entries"):
        pytest.skip("this backend ranks each source in its own query")
    return Engine("database", backend)


def outcome_of(query, locale, **filters):
    outcome = service.search(parse(query), locale, per_page=100, **filters)
    return {
        "locale": outcome.locale.pk,
        "broadened": outcome.broadened,
        "hits": [(hit.source.key, hit.pk, round(hit.relevance, 9), hit.countries) for hit in outcome.page.object_list],
        "types": [(facet.value, facet.count) for facet in outcome.type_facets],
        "countries": [(facet.value, facet.count) for facet in outcome.country_facets],
    }


QUERIES = [
    "西港",  # a guide, an event and an entry; drafts, pending and withdrawn entries say it too
    "西港特区",
    "投资指南",  # only in Chinese: the English page shows Chinese results
    "知识产权",
    "registration",
    "foreign exchange registration",  # several words: re-ranked by nearness
    "Madrid Sihanoukville",  # no page has both: any word
    "柬埔寨",  # a country's name: its guide first
    "PCT",
]


@pytest.mark.parametrize("query", QUERIES)
def test_one_ranked_query_gives_what_a_query_per_source_gives(scenario, zh, en, query, monkeypatch):
    """Same hits, order, scores (nearness included), language and facets as
    the ranked query per source that the other backends use. A one-pass split
    that read the wrong locale's memo, kept an unpublished or unlisted item,
    or re-ranked a different set by nearness would differ here."""
    for locale in (zh, en):
        in_one_pass = outcome_of(query, locale)
        with monkeypatch.context() as patched:
            patched.setattr(service, "_collect_in_one_pass", lambda *args: None)  # the per-source path
            per_source = outcome_of(query, locale)
        assert in_one_pass == per_source, (query, locale.language_code)
    assert outcome_of("西港", zh)["hits"], "the comparison must compare results"


def test_a_search_ranks_all_sources_in_one_query(scenario, zh):
    """One full-text query per pass whatever the number of sources (six): with a
    ranked query per source, "西港" (found in three sources) asks six, and the
    any-word retry twelve."""
    for query, passes in (("西港", 1), ("Madrid Sihanoukville", 2)):
        with CaptureQueriesContext(connection) as queries:
            outcome = service.search(parse(query), zh)
        assert outcome.total
        full_text = [sql for sql in (q["sql"] for q in queries.captured_queries) if FTS_TABLE in sql]
        assert len(full_text) == passes, query


def test_an_unpublished_page_leaves_the_results_at_once(scenario, zh):
    """The one pass keeps only what the per-publish memo of public items
    holds (service._public_countries); without the memo moving on at an
    unpublish, the guide would still be found."""
    guide = scenario["cambodia_zh"]
    assert ("guides", guide.pk) in [(hit[0], hit[1]) for hit in outcome_of("西港", zh)["hits"]]
    guide.unpublish()
    assert ("guides", guide.pk) not in [(hit[0], hit[1]) for hit in outcome_of("西港", zh)["hits"]]


INDEX_ENTRY_TABLE = '"wagtailsearch_indexentry"'


def _index_entry_reads(queries):
    """The queries that read the index entries' table (not its full-text table)."""
    return [q["sql"] for q in queries.captured_queries if INDEX_ENTRY_TABLE in q["sql"]]


def test_the_ranked_query_reads_the_full_text_table_alone(scenario, zh):
    """The one pass scores the full-text table without joining the index
    entries (each match's type and object come from the per-publish memo,
    service._index_entries): joined, the query took twice as long as its
    scoring at the bench's size. Once the memo is built a search reads no
    index entry (the nearness step reads its candidates' text, not here:
    one word)."""
    service.search(parse("西港"), zh)  # builds the memo
    with CaptureQueriesContext(connection) as queries:
        assert service.search(parse("西港"), zh).total
    full_text = [q["sql"] for q in queries.captured_queries if FTS_TABLE in q["sql"]]
    assert len(full_text) == 1
    assert INDEX_ENTRY_TABLE not in full_text[0] and " JOIN " not in full_text[0].upper()
    assert not _index_entry_reads(queries)


def test_the_index_entry_memo_is_read_again_after_a_publish(scenario, zh):
    """The memo of index entries is kept until a page changes
    (edge.chrome.until_any_page_changes): a publish (and an unpublish) makes
    the next search read every entry again."""
    guide = fresh(scenario["cambodia_zh"])
    service.search(parse("西港"), zh)
    for change in (lambda: guide.save_revision().publish(), guide.unpublish):
        change()
        with CaptureQueriesContext(connection) as queries:
            service.search(parse("西港"), zh)
        assert any(" WHERE " not in sql for sql in _index_entry_reads(queries)), "every entry read again"
        with CaptureQueriesContext(connection) as queries:
            service.search(parse("西港"), zh)
        assert not _index_entry_reads(queries), "then kept"


def test_an_entry_indexed_after_the_memo_was_built_is_found(scenario, zh, engine):
    """The outbox may index an object after its publish purged the memos (a
    task, later): an entry id the memo does not know is read and added, so
    the object is found without another purge. Here a public guide's entry
    is replaced by a new one (a new id) with no purge at all."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry

    guide = fresh(scenario["cambodia_zh"])
    found = lambda: ("guides", guide.pk) in [(hit[0], hit[1]) for hit in outcome_of("西港", zh)["hits"]]  # noqa: E731
    assert found()
    IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(guide), object_id=str(guide.pk)).delete()
    engine.backend.add(guide)
    with CaptureQueriesContext(connection) as queries:
        assert found()
    assert [sql for sql in _index_entry_reads(queries) if " IN (" in sql], "the new entry read by its id"


def test_matches_best_first_then_newest_on_equal_scores(engine):
    """best_first sorts thousands of matches by relevance, then by id (newest
    first) on equal scores, as the per-source query orders them (ORDER BY
    score, id DESC; relevance is FTS5's bm25() negated), carrying what else
    a match holds (its countries); a key that is not a number sorts as the
    stored text does."""
    from django.contrib.sessions.models import Session

    from guides.models import CountryGuidePage
    from search.backends.database.sqlite import best_first

    matches = [(3, 1.0, ("KH",)), (10, 1.0, ()), (5, 2.0, ("VN",)), (7, 0.5, ()), (12, 1.0, ())]
    assert best_first(CountryGuidePage, list(matches)) == [
        (5, 2.0, ("VN",)),
        (12, 1.0, ()),
        (10, 1.0, ()),
        (3, 1.0, ("KH",)),
        (7, 0.5, ()),
    ]
    as_text = [("3", 1.0), ("10", 1.0), ("5", 2.0)]  # a text key: "3" after "10", as the database sorts text
    assert best_first(Session, as_text) == [("5", 2.0), ("3", 1.0), ("10", 1.0)]

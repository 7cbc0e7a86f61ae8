"""Every public page type, at two sizes of site: its SQL query count does not
grow with the content, stays within MAX_QUERIES, and showing it writes
nothing to the database. Counted with the page cache off (test settings),
after one visit has filled the per-publish memos (edge/chrome.py).

The content is made by the bench's seeder (bench/seed.py): one item of each
kind through the importer, then bulk clones in both languages.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from bench.seed import add_clones, import_templates
from tests.factories import filing_demo_rules

SMALL = {"guides": 4, "advisories": 25, "events": 25, "directory": 30, "policies": 25}
MORE = {"guides": 8, "advisories": 40, "events": 30, "directory": 40, "policies": 40}

FILING_RESULT = (
    "/zh-hans/filing/result/?investor=local&country=AE&industry=auto-parts&amount=50&mode=new&financing=own-funds"
)
# One or more addresses per public page type, in both languages. Clones are
# numbered from 1 (bench/seed.py); the first guide clone is the UAE's.
PUBLIC_PAGES = [
    ("home", "/zh-hans/"),
    ("home", "/en/"),
    ("information page", "/en/about/privacy/"),
    ("guide index", "/zh-hans/guides/"),
    ("guide index, filtered", "/en/guides/?region=europe&risk=low&sort=reviewed"),
    ("guide comparison", "/en/guides/compare/?c=AE&c=AF"),
    ("guide comparison", "/zh-hans/guides/compare/?c=AE&c=AF"),
    ("country guide", "/zh-hans/guides/guide-ae/"),
    ("advisory index", "/zh-hans/advisories/"),
    ("advisory index, filtered", "/en/advisories/?kind=legal&severity=warning"),
    ("advisory", "/en/advisories/advisory-1/"),
    ("advisory feed", "/en/advisories/feed/"),
    ("advisory feed, one kind", "/zh-hans/advisories/feed/kind/legal/"),
    ("event index", "/zh-hans/events/"),
    ("event archive", "/en/events/archive/"),
    ("event", "/zh-hans/events/event-1/"),
    ("event calendar", "/zh-hans/events/calendar/"),
    ("an event's calendar file", "/en/events/event-1/calendar/"),
    ("directory", "/en/directory/"),
    ("directory, filtered", "/zh-hans/directory/?kind=law-firm&country=AE"),
    ("directory entry", "/en/directory/provider-1/"),
    ("directory application form", "/zh-hans/directory/apply/"),
    ("policy library", "/zh-hans/policies/"),
    ("policy library, filtered", "/en/policies/?status=in_force&topic=filing_approval&level=national"),
    ("policy document", "/en/policies/policy-1/"),
    ("policy document", "/zh-hans/policies/policy-2/"),
    ("search", "/zh-hans/search/?q=投资"),
    ("search", "/en/search/?q=investment"),
    # no page has both words: searched again for any word (search.service._matches)
    ("search, any word", "/zh-hans/search/?q=投资 qqqzzz"),
    ("search, any word", "/en/search/?q=investment qqqzzz"),
    ("filing navigator, a step", "/en/filing/?investor=local&country=AE"),
    ("filing navigator, the result", FILING_RESULT),
]
MAX_QUERIES = 12
# A search retried with any word ranks twice (all words, then any word, each
# over both languages at once; the matches' language and countries come from a
# per-publish memo) and then loads the shown page, one query per source on it.
# On SQLite each pass is one query for all six sources (search.service.
# _collect_in_one_pass): 3-4 here. On PostgreSQL each pass ranks each source:
# 12, and 13 when its ranking puts two sources on the first page, one over the
# 12 of issue 15's goal.
MAX_QUERIES_RETRIED_SEARCH = 13
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def visit(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{path}: HTTP {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def visit_all(client):
    for _name, path in PUBLIC_PAGES:
        visit(client, path)  # first visit: per-process caches (site root paths …) fill up
    return {path: visit(client, path) for _name, path in PUBLIC_PAGES}


@pytest.mark.django_db
def test_query_counts_stay_flat_as_the_site_grows(client):
    import_templates()
    add_clones({name: count - 1 for name, count in SMALL.items()})
    small = visit_all(client)

    add_clones(MORE, start=max(SMALL.values()))
    large = visit_all(client)

    grown = {
        f"{name} {path}": (len(small[path]), len(large[path]))
        for name, path in PUBLIC_PAGES
        if len(large[path]) > len(small[path])
    }
    assert not grown, f"query counts grew with the content (small, large): {grown}"


@pytest.mark.django_db
def test_every_public_page_type_costs_at_most_12_queries(client):
    """The site chrome, the site, locales, view restrictions and index pages
    are memoised per publish and a page is routed in one query: without
    those, a page costs 20 to 33 queries and this fails."""
    import_templates()
    add_clones({name: count - 1 for name, count in SMALL.items()})
    counts = visit_all(client)
    over = {
        f"{name} {path}": len(counts[path])
        for name, path in PUBLIC_PAGES
        if len(counts[path]) > (MAX_QUERIES_RETRIED_SEARCH if name == "search, any word" else MAX_QUERIES)
    }
    assert not over, f"pages over {MAX_QUERIES} queries ({MAX_QUERIES_RETRIED_SEARCH} for a retried search): {over}"


@pytest.mark.django_db
def test_no_public_get_writes_to_the_database(client):
    import_templates()
    add_clones({name: count - 1 for name, count in SMALL.items()})
    for name, path in PUBLIC_PAGES:
        for attempt in ("first", "second"):
            writes = [sql for sql in visit(client, path) if WRITES.match(sql)]
            assert not writes, f"{name} {path} ({attempt} visit) wrote to the database: {writes}"


@pytest.mark.django_db
def test_seeded_pages_show_their_pictures_without_making_a_rendition(client):
    """The bench's guides and events have lead images whose renditions the
    publish task (core.tasks.make_renditions) made while seeding: without
    it, the first visit of each page would create them (Rendition rows and
    files), which the bench would then measure."""
    import_templates()
    add_clones({name: count - 1 for name, count in SMALL.items()})
    renditions = get_image_model().get_rendition_model().objects
    before = renditions.count()
    assert before > 0
    pages = ("/zh-hans/guides/guide-ae/", "/en/guides/guide-ae/", "/zh-hans/events/event-1/", "/en/events/event-1/")
    for path in pages:
        html = client.get(path).content.decode()
        assert "<picture>" in html and 'type="image/webp"' in html, path
    assert re.search(r'<img[^>]* alt="Plan of a special economic zone"', html) is None  # an event, not a guide
    assert 'alt="Training poster"' in html
    assert renditions.count() == before


@pytest.mark.django_db
def test_the_filing_result_with_the_demo_rules_costs_at_most_12_queries(client):
    """The navigator's answer with the national rules, the cited policies and the
    destination's guide, advisories and events: the rules are read in one query per
    rule model and their translations and policies in one more each (no query per rule)."""
    import_templates()
    add_clones({name: count - 1 for name, count in SMALL.items()})
    filing_demo_rules()
    for path in (FILING_RESULT, FILING_RESULT.replace("/zh-hans/", "/en/").replace("auto-parts", "real-estate")):
        visit(client, path)
        queries = visit(client, path)
        assert len(queries) <= MAX_QUERIES, f"{path}: {len(queries)} queries: {queries}"
        assert not [sql for sql in queries if WRITES.match(sql)]

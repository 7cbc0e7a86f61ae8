"""The engines search every source of a language in one request
(search.service._collect_at_once, search.backends.engine.ranked_many): the
results must be exactly those of a ranked request per source, and the other
language is asked only when the page's has nothing."""

import pytest
from opensearchpy.connection import Urllib3HttpConnection

from search import service
from search.query import parse
from tests.search.test_one_pass import QUERIES, outcome_of

# OpenSearch only (the database backends rank in one query, or per source).
pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("engine", ["opensearch"], indirect=True, scope="module")]


@pytest.fixture
def engine_requests(monkeypatch):
    """The paths of the requests sent to the engine."""
    sent = []
    perform = Urllib3HttpConnection.perform_request

    def counted(self, method, url, *args, **kwargs):
        sent.append(url.split("?")[0])
        return perform(self, method, url, *args, **kwargs)

    monkeypatch.setattr(Urllib3HttpConnection, "perform_request", counted)
    return sent


@pytest.mark.parametrize("query", QUERIES)
def test_one_request_per_language_gives_what_a_request_per_source_gives(scenario, zh, en, query, monkeypatch):
    """Same hits, order, scores, language and facets as a ranked request per
    source for both languages (_collect): a multi-search that paired an
    answer with the wrong source (an answer with no hits left out of the
    list, say) or searched the wrong language would differ here."""
    for locale in (zh, en):
        at_once = outcome_of(query, locale)
        with monkeypatch.context() as patched:
            patched.setattr(service, "_collect_at_once", lambda *args: None)  # a request per source
            per_source = outcome_of(query, locale)
        assert at_once == per_source, (query, locale.language_code)
    assert outcome_of("西港", zh)["hits"], "the comparison must compare results"


def test_a_language_is_searched_in_one_request_and_only_when_asked(scenario, zh, en, engine_requests):
    """投资指南 on the Chinese page: one request for every source, none for
    English. On the English page it matches nothing in English (one request),
    then Chinese (a second)."""
    assert service.search(parse("投资指南"), zh).total
    assert engine_requests == ["/_msearch"]
    engine_requests.clear()
    outcome = service.search(parse("投资指南"), en)
    assert outcome.other_language and outcome.total
    assert engine_requests == ["/_msearch", "/_msearch"]


def test_an_answer_with_an_error_makes_the_search_unavailable(scenario, zh, engine, monkeypatch):
    """One search of the request refused (an index gone): the page says search
    is unavailable (a 503), rather than showing the other sources' results as
    if that one had none."""
    from guides.models import CountryGuidePage

    backend_class = type(engine.backend)
    index_for = backend_class.get_index_for_model

    def guides_gone(backend, model):
        index = index_for(backend, model)
        if model is CountryGuidePage:  # the pages' index, for the guides' search alone
            index.name = "an_index_that_is_not_there"
        return index

    monkeypatch.setattr(backend_class, "get_index_for_model", guides_gone)
    with pytest.raises(service.SearchUnavailable):
        service.search(parse("西港"), zh)


@pytest.mark.parametrize(("typed", "language"), [("西港特", "zh-hans"), ("Cambo", "en"), ("jpz", "zh-hans")])
def test_suggestions_come_from_one_request_as_from_one_per_source(client, scenario, engine_requests, typed, language):
    """As-you-type suggestions of every source in one request (a request per
    source at each key stroke before), the same as asked per source."""
    from search.backends.engine import RankedIdsMixin

    url = f"/{language}/search/suggest/"
    at_once = client.get(url, {"q": typed}).json()
    assert at_once["suggestions"], typed
    assert engine_requests == ["/_msearch"]
    with pytest.MonkeyPatch.context() as patched:
        patched.delattr(RankedIdsMixin, "ranked_ids_many")
        assert client.get(url, {"q": typed}).json() == at_once

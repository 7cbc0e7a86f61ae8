"""The site search finds policy documents (a content area: search/sources.py reads every area)."""

import pytest

from search import service
from search.query import parse
from tests.factories import english_of

pytestmark = pytest.mark.django_db


def found(query, locale):
    outcome = service.search(parse(query), locale, per_page=100)
    return [(hit.source.key, hit.pk) for hit in outcome.page.object_list], outcome


def test_found_by_document_number_and_title_in_chinese(library, zh):
    measures = ("policies", library["2017"].pk)
    assert found("国家发展和改革委员会令第11号", zh)[0][0] == measures
    assert measures in found("企业境外投资管理办法", zh)[0]
    forex = ("policies", library["forex"].pk)
    assert forex in found("汇发〔2015〕13号", zh)[0]


def test_found_by_title_and_document_number_in_english(library, en):
    english = ("policies", english_of(library["2017"]).pk)
    assert english in found("Administration of Enterprise Outbound Investment", en)[0]
    assert english in found("国家发展和改革委员会令第11号 (en)", en)[0]
    hits, outcome = found("outbound investment measures", en)
    assert english in hits
    assert "policies" in [facet.value for facet in outcome.type_facets]


def test_search_page_lists_the_policy_in_both_languages(client, library):
    """The search page renders a policy hit (its area's URL and snippet fields) in each language."""
    content = client.get("/zh-hans/search/", {"q": "汇发〔2015〕13号"}).content.decode()
    assert library["forex"].url in content
    content = client.get("/en/search/", {"q": "Administration of Enterprise Outbound Investment"}).content.decode()
    assert english_of(library["2017"]).url in content

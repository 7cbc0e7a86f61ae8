"""Fuzz test, part 2 (issue 14): every API parameter fed each hostile value,
one parameter at a time (the API answers the first bad parameter with a 400,
which would hide the others). Never a 5xx."""

import pytest

from tests.edge.fuzz.values import LABELS, query

pytestmark = pytest.mark.django_db

LISTING = ["offset", "limit", "fields", "order", "search", "search_operator", "locale", "type"]
ENDPOINTS = {
    "/api/v2/pages/": [
        *LISTING,
        "child_of",
        "descendant_of",
        "ancestor_of",
        "translation_of",
        "id",
        "slug",
        "title",
        "country",
        "risk_level",
        "starts",
    ],
    "/api/v2/pages/find/": ["html_path", "locale"],
    "/api/v2/directory/": [*LISTING, "country", "kind", "id", "verified_on"],
    "/api/v2/images/": [*LISTING, "id", "title", "collection_id"],
    "/api/v2/documents/": [*LISTING, "id", "title", "collection_id"],
}
# A field filter is only allowed for one page type: the guide's fields with ?type= a guide.
GUIDES = "type=guides.CountryGuidePage&"


def test_every_api_parameter_answers_every_hostile_value(public_site, probe):
    for url, names in ENDPOINTS.items():
        for name in names:
            for label in LABELS:
                probe.get(url, query(name, label), what=f"{name} = {label}")
    for name in ["risk_level", "reviewed", "population_millions", "fields", "order"]:
        for label in LABELS:
            probe.get("/api/v2/pages/", GUIDES + query(name, label), what=f"guides, {name} = {label}")
    assert not probe.failures, probe.report()


def test_every_api_detail_answers_every_hostile_value(public_site, probe):
    details = [f"/api/v2/pages/{public_site['advisory'].pk}/", f"/api/v2/directory/{public_site['entry'].pk}/"]
    for url in details + ["/api/v2/pages/99999999999999999999/", "/api/v2/images/0/", "/api/v2/documents/-1/"]:
        for label in LABELS:
            probe.get(url, query("fields", label), what=f"fields = {label}")
    assert not probe.failures, probe.report()

"""Fuzz test, part 1 (issue 14): every public URL, and every filter a listing
reads, fed each hostile value of tests/edge/fuzz/values.py. Whatever comes in,
the answer is never a 5xx; the failures are collected and reported together."""

import pytest
from django.core.cache import cache

from tests.edge.fuzz.values import LABELS, query

pytestmark = pytest.mark.django_db

# Parameters any page might read, sent to every public URL beside its own filters.
COMMON = ["page", "q", "offset", "limit", "fields", "order", "search", "locale", "type", "country"]


def hostile_query(names, label):
    return "&".join(query(name, label) for name in names)


def test_every_listing_answers_hostile_filters_in_both_languages(public_site, probe):
    """Each of a listing's filters is validated on its own (forms clean every
    field), so one request per hostile value gives every filter that value."""
    for url, names in public_site["listings"].items():
        for label in LABELS:
            cache.clear()  # rate limits would answer 429 before the view runs
            probe.get(url, hostile_query([*COMMON, *names], label), what=f"every filter = {label}")
    assert not probe.failures, probe.report()


def test_every_public_page_answers_hostile_parameters(public_site, probe):
    """The other pages in Chinese with every hostile value; in English (the
    same views and templates) once, plain and with one hostile query."""
    for url in public_site["pages"]:
        english = url.startswith("/en/")
        probe.get(url)
        for label in ["lone surrogate", "repeated"] if english else LABELS:
            cache.clear()
            probe.get(url, hostile_query(COMMON, label), what=f"common parameters = {label}")
    assert not probe.failures, probe.report()

"""Measured relevance: recall@5 and mean reciprocal rank over checked-in
sets of queries (QUERY_SETS, beside this file).

Items are named list/key, as in content bundles: pages through the
interchange app's import keys, directory entries by their own key.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from wagtail.models import Locale

from search import service
from search.query import parse
from search.sources import available_sources

QUERIES_FILE = Path(__file__).with_name("queries.json")
# Each set with the content it is measured on: the demo content (manage.py
# load_demo) and the shared sample bundle (../shared/content/sample-bundle.json).
QUERY_SETS = {"demo": QUERIES_FILE, "sample-bundle": Path(__file__).with_name("queries-sample-bundle.json")}
TOP = 5


@dataclass(frozen=True)
class QualityQuery:
    language: str
    query: str
    expected: tuple


@dataclass
class QueryResult:
    query: QualityQuery
    ranked: list  # list/key of the results, best first
    recall: float
    reciprocal_rank: float


@dataclass
class Report:
    results: list = field(default_factory=list)

    @property
    def recall_at_5(self):
        return sum(r.recall for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def mrr(self):
        return sum(r.reciprocal_rank for r in self.results) / len(self.results) if self.results else 0.0

    def by_language(self, language):
        return Report([r for r in self.results if r.query.language == language])


def load_queries(path=QUERIES_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [QualityQuery(q["language"], q["query"], tuple(q["expected"])) for q in data["queries"]]


def item_names(locale):
    """(source key, pk) → list/key for everything searchable in one locale."""
    names = {}
    try:
        import_key = apps.get_model("interchange", "ImportKey")
        by_translation_key = {
            translation_key: f"{list_name}/{key}"
            for list_name, key, translation_key in import_key.objects.values_list("list_name", "key", "translation_key")
        }
    except LookupError:
        by_translation_key = {}
    for source in available_sources():
        if source.is_page:
            rows = source.model.objects.filter(locale=locale).values_list("pk", "translation_key")
            names.update({(source.key, pk): by_translation_key.get(tk) for pk, tk in rows})
        else:
            rows = source.model.objects.filter(locale=locale).values_list("pk", "key")
            names.update({(source.key, pk): f"{source.key}/{key}" for pk, key in rows})
    return names


def evaluate(queries):
    locales = {}
    names = {}
    report = Report()
    for quality_query in queries:
        if quality_query.language not in locales:
            locales[quality_query.language] = Locale.objects.get(language_code=quality_query.language)
            names[quality_query.language] = item_names(locales[quality_query.language])
        locale = locales[quality_query.language]
        outcome = service.search(parse(quality_query.query), locale, per_page=20)
        ranked = [names[quality_query.language].get((hit.source.key, hit.pk)) for hit in outcome.page.object_list]
        expected = set(quality_query.expected)
        recall = len(expected & set(ranked[:TOP])) / len(expected)
        rank = next((position for position, name in enumerate(ranked, 1) if name in expected), None)
        report.results.append(QueryResult(quality_query, ranked, recall, 1 / rank if rank else 0.0))
    return report

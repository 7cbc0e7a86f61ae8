"""manage.py search_quality: recall@5 and MRR of the site search, per backend.

    manage.py search_quality                                  # the configured backend, its current index
    manage.py search_quality --demo --engine database --engine opensearch=http://127.0.0.1:9201
    manage.py search_quality --queries search/quality/queries-sample-bundle.json \\
        --bundle ../shared/content/sample-bundle.json --engine database

With --demo (the demo content, core/demo/content) or --bundle the content is
imported for the measurement and rolled back afterwards (nothing is left in
the database). Each engine is measured on a
fresh index of everything searchable; an OpenSearch or Elasticsearch index
made for it is deleted afterwards. --min-recall / --min-mrr make the command
fail below a threshold (the test-suite uses them).
"""

import io
import uuid

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from modelsearch.backends import get_search_backend

from search.backends.engine import create_indexes
from search.quality import QUERIES_FILE, TOP, evaluate, load_queries
from search.sources import available_sources

ENGINES = {
    "database": "search.backends.database",
    "opensearch": "search.backends.opensearch",
    "elasticsearch": "search.backends.elasticsearch",
}


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure search relevance (recall@5, MRR) on a checked-in set of queries, for each search backend."

    def add_arguments(self, parser):
        parser.add_argument("--queries", default=str(QUERIES_FILE), help="queries file (JSON)")
        parser.add_argument("--demo", action="store_true", help="import the demo content for the run")
        parser.add_argument("--bundle", action="append", default=[], help="content bundle to import for the run")
        parser.add_argument(
            "--engine",
            action="append",
            default=[],
            help="database, or opensearch=URL / elasticsearch=URL; repeat for several (default: the configured one)",
        )
        parser.add_argument("--min-recall", type=float, default=0.0)
        parser.add_argument("--min-mrr", type=float, default=0.0)
        parser.add_argument(
            "--verbose-misses", action="store_true", help="list the queries that missed an item or ranked it late"
        )

    def handle(self, *args, **options):
        queries = load_queries(options["queries"])
        importing = options["demo"] or options["bundle"]
        engines = [self._engine(value) for value in options["engine"]]
        if not engines:
            # Imported content is measured on the database backend (a live engine index is left alone).
            engines = [self._engine("database")] if importing else [("configured", None)]
        failures = []
        try:
            with transaction.atomic():
                if options["demo"]:
                    self._import_demo()
                for bundle in options["bundle"]:
                    self._import(bundle)
                for name, backend_settings in engines:
                    report = self._measure(backend_settings, queries)
                    self._print(name, report, options["verbose_misses"])
                    if report.recall_at_5 < options["min_recall"] or report.mrr < options["min_mrr"]:
                        failures.append(
                            f"{name}: recall@{TOP} {report.recall_at_5:.3f}, MRR {report.mrr:.3f} "
                            f"(minimum {options['min_recall']:.3f} / {options['min_mrr']:.3f})"
                        )
                if importing:
                    raise Rollback
        except Rollback:
            pass
        if failures:
            raise CommandError("relevance below the threshold: " + "; ".join(failures))

    def _engine(self, value):
        kind, _, url = value.partition("=")
        if kind not in ENGINES:
            raise CommandError(f"unknown engine {kind!r}: use database, opensearch=URL or elasticsearch=URL")
        if kind == "database":
            return kind, {"BACKEND": ENGINES[kind]}
        if not url:
            raise CommandError(f"{kind} needs a URL: --engine {kind}=http://127.0.0.1:9201")
        prefix = f"quality_{uuid.uuid4().hex[:8]}_"
        return kind, {"BACKEND": ENGINES[kind], "URLS": [url], "INDEX_PREFIX": prefix, "ATOMIC_REBUILD": False}

    def _import_demo(self):
        try:
            from interchange.demo import import_demo_content
            from interchange.validation import BundleError
        except ImportError as error:
            raise CommandError("the demo content needs the interchange app") from error
        try:
            import_demo_content()
        except BundleError as error:
            raise CommandError(f"the demo content could not be imported: {error.problems}") from error

    def _import(self, path):
        try:
            call_command("import_content", path, stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError as error:
            raise CommandError(f"could not import {path}: {error}") from error

    def _measure(self, backend_settings, queries):
        if backend_settings is None:
            return evaluate(queries)
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": backend_settings}):
            backend = get_search_backend()
            engine_indexes = create_indexes(backend) if "URLS" in backend_settings else []
            try:
                for source in available_sources():
                    backend.add_bulk(source.model, list(source.model.objects.all()))
                if engine_indexes:
                    backend.refresh_indexes()
                return evaluate(queries)
            finally:
                for index in engine_indexes:
                    index.delete()

    def _print(self, name, report, verbose):
        self.stdout.write(f"\n{name}: {len(report.results)} queries")
        self.stdout.write(f"  {'language':<10} {'queries':>7} {'recall@' + str(TOP):>9} {'MRR':>6}")
        for language in sorted({r.query.language for r in report.results}):
            part = report.by_language(language)
            self.stdout.write(f"  {language:<10} {len(part.results):>7} {part.recall_at_5:>9.3f} {part.mrr:>6.3f}")
        self.stdout.write(f"  {'all':<10} {len(report.results):>7} {report.recall_at_5:>9.3f} {report.mrr:>6.3f}")
        if verbose:
            for result in report.results:
                if result.recall < 1 or result.reciprocal_rank < 1:
                    label = "miss" if result.recall < 1 else "late"
                    self.stdout.write(
                        f"  {label}: [{result.query.language}] {result.query.query} → {result.ranked[:TOP]} "
                        f"(expected {list(result.query.expected)})"
                    )

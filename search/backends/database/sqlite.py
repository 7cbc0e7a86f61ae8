"""SQLite FTS5 with analysed text (see search/backends/database/__init__.py)."""

from modelsearch.backends.database.sqlite import query as sqlite_query
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from ..segmented import SegmentedQueryMixin, SegmentedText, analyse_value, combine


class SegmentingSQLiteIndexer(sqlite.ObjectIndexer):
    def prepare_field(self, obj, field):
        for current_field, value in super().prepare_field(obj, field):
            yield current_field, analyse_value(current_field, value)


class SegmentingSQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch's add_items, with the segmenting indexer.
        if not model.get_search_fields():
            return
        indexers = [SegmentingSQLiteIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries_for_type = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(entries_for_type.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries_for_type.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            sqlite.IndexEntry(
                content_type_id=content_type_pk, object_id=object_id, title=title, autocomplete=autocomplete, body=body
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class SQLiteSegmentedCompilerMixin(SegmentedQueryMixin):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, SegmentedText):
            lexemes = [sqlite_query.Lexeme(term.text, prefix=term.prefix) for term in query.terms]
            return sqlite_query.SearchQueryExpression(combine(lexemes, query.operator), config=config)
        return super().build_search_query_content(query, config=config)


class SegmentingSQLiteSearchQueryCompiler(SQLiteSegmentedCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
    pass


class SegmentingSQLiteAutocompleteQueryCompiler(SQLiteSegmentedCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler):
    autocomplete = True


class SegmentingSQLiteSearchResults(sqlite.SQLiteSearchResults):
    def ranked_ids(self, limit):
        """[(pk, relevance)] best first, without loading the objects; higher relevance is better."""
        compiler = self.query_compiler
        queryset = compiler.search(compiler.get_config(self.backend), 0, limit, score_field="_score")
        # FTS5's bm25() is lower for better matches
        if "_score" not in queryset.query.annotations:  # nothing to match: modelsearch returned none()
            return []
        return [(pk, -(score or 0.0)) for pk, score in queryset.values_list("pk", "_score")]


class SegmentingSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    results_class = SegmentingSQLiteSearchResults
    query_compiler_class = SegmentingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentingSQLiteAutocompleteQueryCompiler
    index_class = SegmentingSQLiteIndex

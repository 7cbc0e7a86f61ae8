"""PostgreSQL full-text search with analysed text (see search/backends/database/__init__.py)."""

from django.contrib.postgres.search import SearchQuery
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.postgres.query import Lexeme as PostgresLexeme
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Phrase
from modelsearch.utils import get_content_type_pk

from ..segmented import SegmentedQueryMixin, SegmentedText, analyse_value, combine
from .nearness import NearnessMixin


class SegmentingPostgresIndexer(postgres.ObjectIndexer):
    def prepare_field(self, obj, field):
        for current_field, weight, value in super().prepare_field(obj, field):
            if isinstance(current_field, (SearchField, AutocompleteField)):
                value = analyse_value(current_field, value)
            yield current_field, weight, value


class SegmentingPostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        # modelsearch's add_items builds its own indexers; run it with ours.
        if not model.get_search_fields():
            return
        indexers = [SegmentingPostgresIndexer(obj, self.backend) for obj in objs]
        if indexers:
            self._upsert(model, indexers)

    def _upsert(self, model, indexers):
        IndexEntry = postgres.IndexEntry
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows_sql, params = [], []
        for indexer in indexers:
            row_params = [content_type_pk, indexer.id]
            vectors_sql = []
            vectors = {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
            for name, vector in vectors.items():
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), vector)
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                row_params.extend(value_params)
            row_params.extend([indexer.title_text, indexer.body_text])
            rows_sql.append(f"(%s, %s, {vectors_sql[0]}, {vectors_sql[1]}, {vectors_sql[2]}, 1.0, %s, %s)")
            params.extend(row_params)
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows_sql)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,  # noqa: S608 - table name from the model, values are parameters
                params,
            )
        self._refresh_title_norms()


class PostgresSegmentedCompilerMixin(SegmentedQueryMixin):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, SegmentedText):
            lexemes = [PostgresLexeme(term.text, invert=invert, prefix=term.prefix) for term in query.terms]
            operator = query.operator if not invert else ("or" if query.operator == "and" else "and")
            return SearchQuery(combine(lexemes, operator), search_type="raw", config=config)
        if isinstance(query, Phrase) and invert:
            return ~super().build_tsquery_content(query, config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class SegmentingPostgresSearchQueryCompiler(PostgresSegmentedCompilerMixin, postgres.PostgresSearchQueryCompiler):
    pass


class SegmentingPostgresAutocompleteQueryCompiler(
    PostgresSegmentedCompilerMixin, postgres.PostgresAutocompleteQueryCompiler
):
    autocomplete = True


class SegmentingPostgresSearchResults(NearnessMixin, postgres.PostgresSearchResults):
    index_entry_model = postgres.IndexEntry
    stored_text_fields = ("title_text", "body_text")

    def relevance_ranked_ids(self, limit):
        """[(pk, relevance)] best first by the database's relevance alone, without loading
        the objects; higher relevance is better."""
        compiler = self.query_compiler
        config = compiler.get_config(self.backend)
        queryset = compiler.search(config, 0, limit, score_field="_score", backend=self.backend)
        if "_score" not in queryset.query.annotations:  # nothing to match: modelsearch returned none()
            return []
        return [(pk, score or 0.0) for pk, score in queryset.values_list("pk", "_score")]


class SegmentingPostgresSearchBackend(postgres.PostgresSearchBackend):
    results_class = SegmentingPostgresSearchResults
    query_compiler_class = SegmentingPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentingPostgresAutocompleteQueryCompiler
    index_class = SegmentingPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        # Text arrives analysed (segmented, stemmed): tokenise it, change nothing.
        self.config = "simple"
        self.autocomplete_config = "simple"

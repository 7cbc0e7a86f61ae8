"""SQLite FTS5 with analysed text (see search/backends/database/__init__.py)."""

from operator import itemgetter

from django.db import connection
from django.db.models import BigIntegerField, CharField, F, IntegerField
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import query as sqlite_query
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.index import SearchField
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from ..segmented import SegmentedQueryMixin, SegmentedText, analyse_value, combine
from .nearness import NearnessMixin

# FTS5 column weights for bm25(), in the table's column order (autocomplete,
# body, title): a match in a title counts four times a match in the text; the
# autocomplete column counts for suggestions only.
SEARCH_WEIGHTS = (0.0, 1.0, 4.0)
AUTOCOMPLETE_WEIGHTS = (1.0, 0.0, 0.0)


def is_title_field(field):
    """Titles, and fields the model boosts (a directory entry's name)."""
    return isinstance(field, SearchField) and (field.field_name == "title" or (field.boost or 1) >= 2)


class SegmentingSQLiteIndexer(sqlite.ObjectIndexer):
    def prepare_field(self, obj, field):
        for current_field, value in super().prepare_field(obj, field):
            yield current_field, analyse_value(current_field, value)

    def _texts(self, wanted):
        return " ".join(
            value
            for field in self.search_fields
            for current_field, value in self.prepare_field(self.obj, field)
            if isinstance(current_field, SearchField) and wanted(current_field)
        )

    @cached_property
    def title(self):
        return self._texts(is_title_field)

    @cached_property
    def body(self):
        return self._texts(lambda field: not is_title_field(field))


class WeightedBM25(sqlite_query.BM25):
    def __init__(self, weights):
        super().__init__()
        self.weights = weights

    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(float(weight)) for weight in self.weights)
        return f"bm25({sqlite_query.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


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
    bm25_weights = SEARCH_WEIGHTS

    def get_index_vectors(self):
        # One bm25() over all columns, weighted per column, instead of
        # modelsearch's sum that also scales by title length.
        return [(F("index_entry__body"), 1.0)]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        # bm25() scores the row against the whole MATCH expression, whatever the
        # query's shape. (modelsearch combines And parts as prod(1 + bm25) - 1:
        # bm25() is below zero, so for a query of two parts or more (words plus
        # an alias, a phrase) that turned the order upside down.)
        return WeightedBM25(self.bm25_weights)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, SegmentedText):
            lexemes = [sqlite_query.Lexeme(term.text, prefix=term.prefix) for term in query.terms]
            return sqlite_query.SearchQueryExpression(combine(lexemes, query.operator), config=config)
        return super().build_search_query_content(query, config=config)


class SegmentingSQLiteSearchQueryCompiler(SQLiteSegmentedCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
    pass


class SegmentingSQLiteAutocompleteQueryCompiler(SQLiteSegmentedCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler):
    autocomplete = True
    bm25_weights = AUTOCOMPLETE_WEIGHTS


def read_index_entries(entry_ids=None):
    """{index entry id: (content type id, object id as stored: text)} of
    `entry_ids`, or of every entry when None. An entry's type and object
    never change (a new object gets a new entry, and SQLite's AUTOINCREMENT
    never reuses an id)."""
    entries = sqlite.IndexEntry.objects.values_list("id", "content_type_id", "object_id")
    wanted = [entries] if entry_ids is None else [entries.filter(id__in=chunk) for chunk in _chunks(list(entry_ids))]
    found = {}
    with connection.cursor() as cursor:
        for query in wanted:
            cursor.execute(*query.query.sql_with_params())
            found.update((entry_id, (content_type_pk, object_id)) for entry_id, content_type_pk, object_id in cursor)
    return found


def _chunks(values, size=900):  # under SQLite's oldest limit of 999 parameters a query
    return [values[start : start + size] for start in range(0, len(values), size)]


def best_first(model, matches):
    """`matches` of `model`, (pk, relevance, ...) tuples, sorted in place as
    relevance_ranked_ids orders them: most relevant first, newest first on
    equal scores (ORDER BY score, object id DESC). Two sorts on one number
    each (compared by CPython's fast paths for ints and floats), the second
    stable, give what sorting by (relevance, id) gives at a third of the
    cost of comparing tuples (thousands of matches)."""
    pk_field = getattr(model._meta.pk, "target_field", model._meta.pk)
    matches.sort(key=itemgetter(0) if isinstance(pk_field, IntegerField) else _as_stored, reverse=True)
    matches.sort(key=itemgetter(1), reverse=True)
    return matches


def _as_stored(match):
    return str(match[0])  # an index entry's object id is text: a text or UUID key sorts as the database sorts it


class SegmentingSQLiteSearchResults(NearnessMixin, sqlite.SQLiteSearchResults):
    index_entry_model = sqlite.IndexEntry
    stored_text_fields = ("title", "body")

    def _match_and_rank(self):
        """(MATCH filter, bm25 rank expression) of the query, or None for a
        query without words to match (MatchAll, Not)."""
        compiler = self.query_compiler
        query = sqlite_query.normalize(compiler.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        config = compiler.get_config(self.backend)
        match = sqlite_query.MatchExpression(
            compiler.fields or compiler.FTS_TABLE_FIELDS, compiler.build_search_query(query, config=config)
        )
        return match, compiler._build_rank_expression(compiler.get_search_vectors(), config)

    def relevance_ranked_ids(self, limit):
        """[(pk, relevance)] best first by the database's relevance alone, without loading
        the objects; higher relevance is better.

        One pass over the full-text index, joined to the wanted rows. (modelsearch
        scores each row in a correlated subquery that repeats the full-text match
        for every row: quadratic, seconds for a common word over a few thousand
        pages.)"""
        if (match_and_rank := self._match_and_rank()) is None:
            return self._ranked_ids_by_subquery(limit)
        match, rank = match_and_rank
        compiler = self.query_compiler
        model = compiler.queryset.model
        wanted = compiler.queryset.order_by().values_list(Cast("pk", output_field=CharField()), flat=True)
        pk_field = getattr(model._meta.pk, "target_field", model._meta.pk)  # a page type's page_ptr → Page.id
        tie_break = "-index_entry__object_id"  # newest first on equal scores, as modelsearch orders
        if isinstance(pk_field, IntegerField):
            tie_break = Cast("index_entry__object_id", output_field=BigIntegerField()).desc()
        rows = (
            sqlite_query.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(model),
                index_entry__object_id__in=wanted,
            )
            .annotate(score=rank)
            .order_by("score", tie_break)
            .values_list("index_entry__object_id", "score")[:limit]
        )
        to_pk = model._meta.pk.to_python
        # FTS5's bm25() is lower for better matches
        return [(to_pk(object_id), -(score or 0.0)) for object_id, score in rows]

    def relevance_ranked_entries(self):
        """[(index entry id, relevance)] of every indexed object that matches,
        of any type, published or not, in no particular order (higher
        relevance is better); None for a query without words to match. The
        caller learns each entry's object from its memo of the index entries
        (read_index_entries) and keeps what the public may see, ranked as
        relevance_ranked_ids ranks (best_first).

        One pass over the full-text table alone for all the types: FTS5
        finds and scores every match of the MATCH whatever its type, so a
        query per type repeats that work for each; joined to the index
        entries (whose rows hold the stored text) to learn each match's type
        and id, the query took twice as long as the scoring. Rows are read
        with the cursor: thousands of (id, score) at the bench's size, and
        Django's per-row converters cost more than the query."""
        if (match_and_rank := self._match_and_rank()) is None:
            return None
        match, rank = match_and_rank
        # FTS5's bm25() is lower for better matches: relevance is its negation.
        rows = sqlite_query.SQLiteFTSIndexEntry.objects.filter(match).annotate(relevance=-rank)
        sql, params = rows.values_list("pk", "relevance").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    read_index_entries = staticmethod(read_index_entries)
    best_first = staticmethod(best_first)

    def _ranked_ids_by_subquery(self, limit):
        compiler = self.query_compiler
        queryset = compiler.search(compiler.get_config(self.backend), 0, limit, score_field="_score")
        if "_score" not in queryset.query.annotations:  # nothing to match: modelsearch returned none()
            return []
        return [(pk, -(score or 0.0)) for pk, score in queryset.values_list("pk", "_score")]


class SegmentingSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    results_class = SegmentingSQLiteSearchResults
    query_compiler_class = SegmentingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentingSQLiteAutocompleteQueryCompiler
    index_class = SegmentingSQLiteIndex

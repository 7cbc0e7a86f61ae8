"""Shared by the OpenSearch and Elasticsearch backends."""

from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from search.errors import EngineRefused
from search.text import space_han_words

from .readings import readings

NEARNESS_SLOP = 6  # positions the words may move to still count as near (closer scores higher)


def segment_for_engine(query):
    """Plain words of a query with Chinese split into words (see space_han_words);
    phrases stay as typed, since their characters must be adjacent anyway."""
    if isinstance(query, PlainText):
        return PlainText(space_han_words(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, (And, Or)):
        return type(query)([segment_for_engine(child) for child in query.subqueries])
    if isinstance(query, Not):
        return Not(segment_for_engine(query.subquery))
    if isinstance(query, Boost):
        return Boost(segment_for_engine(query.subquery), query.boost)
    return query


class SegmentedEngineQueryMixin:
    """For query compilers: segment Chinese in the query before compiling it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = segment_for_engine(self.query)


def _leaf_words(query):
    if isinstance(query, PlainText):
        # A broadened "any word" query has no words that must be near each other.
        return [query.query_string] if query.operator == "and" else None
    if isinstance(query, Phrase):
        return [query.query_string]
    return None


class NearnessQueryMixin:
    """For search query compilers: results holding the query's words near each
    other score higher. The query as built (every word must match) is kept, and a
    `should` clause adds a phrase match with slop per reading of the query (an
    alias group read as each of its terms), best reading counted; BM25 alone
    scores a guide with the words pages apart like an advisory with them together."""

    nearness_boost = 1.0

    def get_inner_query(self):
        inner = super().get_inner_query()
        phrases = [" ".join(words) for words in readings(self.query, _leaf_words)]
        phrases = [phrase for phrase in phrases if len(phrase.split()) >= 2]
        if not phrases or not self.nearness_boost:
            return inner
        fields = [field.field_name_with_boost for field in self.remapped_fields]
        near = [
            {"multi_match": {"query": phrase, "type": "phrase", "slop": NEARNESS_SLOP, "fields": fields}}
            for phrase in phrases
        ]
        return {"bool": {"must": [inner], "should": [{"dis_max": {"queries": near, "boost": self.nearness_boost}}]}}


def ranked_many(searches, limit):
    """[ranked_ids(limit) of each results of `searches`] (one backend's), in
    one request (_msearch): the engine runs them side by side, and the
    round trips of a search per source are saved. Only what is read is
    sent back (filter_path: each hit's score and pk, each answer's status,
    without which an answer with no hits would be left out of the list).

    The pk is read from its doc values, with no stored field loaded (not
    even _id): loading a stored field for each of a common word's
    thousands of hits was most of the request (2,000 hits: 18 ms with
    the stored pk, 8.5 from doc values, on a local OpenSearch 2.19)."""
    if not searches:
        return []
    backend = searches[0].backend
    lines = []
    for results in searches:
        lines.append({"index": backend.get_index_for_model(results.query_compiler.queryset.model).name})
        lines.append(
            {
                **results._get_es_body(),
                "from": 0,
                "size": limit,
                "_source": False,
                "stored_fields": "_none_",
                "docvalue_fields": ["pk"],
            }
        )
    wanted = "responses.status,responses.hits.hits._score,responses.hits.hits.fields.pk,responses.error.type"
    if backend.use_new_elasticsearch_api:
        response = backend.es.msearch(searches=lines, filter_path=wanted)
    else:
        response = backend.es.msearch(body=lines, filter_path=wanted)
    answers = response["responses"]
    if len(answers) != len(searches):
        raise EngineRefused(f"{len(answers)} answers to {len(searches)} searches")
    ranked = []
    for results, answer in zip(searches, answers, strict=True):
        if "error" in answer:
            raise EngineRefused(answer["error"].get("type", "error"))
        ranked.append(_ranked(results.query_compiler.queryset.model, answer))
    return ranked


class RankedIdsMixin:
    """For results classes: matching primary keys and scores in one request."""

    def ranked_ids(self, limit):
        """[(pk, relevance)] best first, without loading the objects; higher relevance is better."""
        return ranked_many([self], limit)[0]

    ranked_ids_many = staticmethod(ranked_many)  # how search.service knows a backend can


def _ranked(model, response):
    """[(pk, relevance)] of a search response's hits, in its order."""
    to_python = model._meta.pk.to_python
    return [
        (to_python(hit["fields"]["pk"][0]), hit["_score"] or 0.0) for hit in response.get("hits", {}).get("hits", [])
    ]


def create_indexes(backend):
    """Fresh indexes with the project's analysis and every model's mapping,
    before any document arrives (an index an engine created on the fly for a
    first document would have its default analysis). Returns the indexes."""
    from modelsearch.index import get_indexed_models

    indexes = {}
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if index.name not in indexes:
            if index.exists():
                index.delete()
            index.put()
            indexes[index.name] = index
        index.add_model(model)
    return list(indexes.values())

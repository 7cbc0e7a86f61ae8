"""Shared by the OpenSearch and Elasticsearch backends."""

from modelsearch.query import And, Boost, Not, Or, PlainText

from search.text import space_han_words


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


class RankedIdsMixin:
    """For results classes: matching primary keys and scores in one request."""

    def ranked_ids(self, limit):
        """[(pk, relevance)] best first, without loading the objects; higher relevance is better."""
        model = self.query_compiler.queryset.model
        response = self._backend_do_search(
            self._get_es_body(),
            index=self.backend.get_index_for_model(model).name,
            _source=False,
            from_=0,
            size=limit,
            **{self.fields_param_name: "pk"},
        )
        to_python = model._meta.pk.to_python
        return [(to_python(hit["fields"]["pk"][0]), hit["_score"] or 0.0) for hit in response["hits"]["hits"]]


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

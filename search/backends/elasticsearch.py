"""Wagtail's Elasticsearch 8 backend with the same analysis as OpenSearch
(search.backends.analysis). No Elasticsearch server runs here; tests check
its index settings and mappings offline."""

from modelsearch.backends import elasticsearch8

from .analysis import AUTOCOMPLETE_FIELD, index_settings
from .engine import NearnessQueryMixin, RankedIdsMixin, SegmentedEngineQueryMixin


class ElasticsearchMapping(elasticsearch8.Elasticsearch8Mapping):
    edgengram_analyzer_config = AUTOCOMPLETE_FIELD


class ElasticsearchSearchResults(RankedIdsMixin, elasticsearch8.Elasticsearch8SearchResults):
    pass


class ElasticsearchQueryCompiler(
    NearnessQueryMixin, SegmentedEngineQueryMixin, elasticsearch8.Elasticsearch8SearchQueryCompiler
):
    mapping_class = ElasticsearchMapping


class ElasticsearchAutocompleteQueryCompiler(
    SegmentedEngineQueryMixin, elasticsearch8.Elasticsearch8AutocompleteQueryCompiler
):
    mapping_class = ElasticsearchMapping


class ElasticsearchBackend(elasticsearch8.Elasticsearch8SearchBackend):
    mapping_class = ElasticsearchMapping
    query_compiler_class = ElasticsearchQueryCompiler
    autocomplete_query_compiler_class = ElasticsearchAutocompleteQueryCompiler
    results_class = ElasticsearchSearchResults
    settings = index_settings(elasticsearch8.Elasticsearch8SearchBackend.settings)


SearchBackend = ElasticsearchBackend

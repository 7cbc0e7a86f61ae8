"""Wagtail's OpenSearch 2 backend with the project's analysis (search.backends.analysis)."""

from . import opensearch_client

opensearch_client.load()  # before modelsearch's backend imports opensearchpy

from modelsearch.backends import opensearch2  # noqa: E402

from .analysis import AUTOCOMPLETE_FIELD, index_settings  # noqa: E402
from .engine import NearnessQueryMixin, RankedIdsMixin, SegmentedEngineQueryMixin  # noqa: E402


class OpenSearchMapping(opensearch2.OpenSearch2Mapping):
    edgengram_analyzer_config = AUTOCOMPLETE_FIELD


class OpenSearchSearchResults(RankedIdsMixin, opensearch2.OpenSearch2SearchResults):
    pass


class OpenSearchQueryCompiler(
    NearnessQueryMixin, SegmentedEngineQueryMixin, opensearch2.OpenSearch2SearchQueryCompiler
):
    mapping_class = OpenSearchMapping


class OpenSearchAutocompleteQueryCompiler(SegmentedEngineQueryMixin, opensearch2.OpenSearch2AutocompleteQueryCompiler):
    mapping_class = OpenSearchMapping


class OpenSearchBackend(opensearch2.OpenSearch2SearchBackend):
    mapping_class = OpenSearchMapping
    query_compiler_class = OpenSearchQueryCompiler
    autocomplete_query_compiler_class = OpenSearchAutocompleteQueryCompiler
    results_class = OpenSearchSearchResults
    settings = index_settings(opensearch2.OpenSearch2SearchBackend.settings)


SearchBackend = OpenSearchBackend

"""One analysis definition for OpenSearch and Elasticsearch (checked offline:
no Elasticsearch server can run here; the OpenSearch tests use a real node)."""

import pytest
from django.apps import apps

from search.backends.analysis import ANALYSIS, AUTOCOMPLETE_FIELD
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.opensearch import OpenSearchBackend


def backends():
    params = {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "offline_"}
    return OpenSearchBackend(dict(params)), ElasticsearchBackend(dict(params))


def test_both_engines_create_indexes_with_the_same_analysis():
    opensearch, elasticsearch = backends()
    assert opensearch.settings["settings"]["analysis"] == elasticsearch.settings["settings"]["analysis"]
    analysis = elasticsearch.settings["settings"]["analysis"]
    for name, definition in ANALYSIS["analyzer"].items():
        assert analysis["analyzer"][name] == definition
    assert analysis["filter"]["cjk_bigrams"] == {"type": "cjk_bigram", "output_unigrams": False}
    assert analysis["filter"]["english_stem"] == {"type": "stemmer", "language": "porter2"}
    # Wagtail's own settings are kept (its ngram filters stay defined)
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_default_analyzers_handle_chinese_and_english():
    analyzers = ANALYSIS["analyzer"]
    assert "cjk_bigrams_and_unigrams" in analyzers["default"]["filter"]
    assert "cjk_bigrams" in analyzers["default_search"]["filter"]
    assert "english_stem" in analyzers["default"]["filter"] and "english_stem" in analyzers["default_search"]["filter"]


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["guides.CountryGuidePage", "advisories.AdvisoryPage", "directory.DirectoryEntry"])
def test_both_engines_map_autocomplete_fields_to_the_chinese_aware_analyzers(label):
    model = apps.get_model(label)
    opensearch, elasticsearch = backends()
    os_mapping = opensearch.mapping_class(model).get_mapping()
    es_mapping = elasticsearch.mapping_class(model).get_mapping()
    assert os_mapping == es_mapping
    properties = es_mapping["properties"]
    autocomplete = [field for field in properties.values() if field.get("analyzer") == "autocomplete_index"]
    assert autocomplete, "at least _edgengrams"
    assert all(field["search_analyzer"] == AUTOCOMPLETE_FIELD["search_analyzer"] for field in autocomplete)
    # full-text fields use the index's default analyzers (no analyzer of their own)
    assert properties["_all_text"] == {"type": "text"}

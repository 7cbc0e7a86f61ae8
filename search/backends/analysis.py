"""The one analysis definition for OpenSearch and Elasticsearch.

Chinese: the standard tokenizer splits Han text into characters; `cjk_bigram`
joins neighbours into bigrams (西港特区 → 西港 港特 特区). Documents keep the
single characters as well (a one-character query still matches); queries use
bigrams only, so 知识产权 must match 知识·识产·产权 and does not match a page
that merely says 知识. No dictionary plugin is needed (smartcn/ICU have no
build for OpenSearch 2.19).

English: possessives and stop words removed, Snowball English (porter2)
stems, as on the database backends (search/text.py). Documents also store the
leading 5+ letters of each stem (edge n-grams), so a query stem matches longer
stems that begin with it: registering → regist finds registration → registr.

Autocomplete: edge n-grams of unstemmed words and of the Chinese bigrams.
"""

from copy import deepcopy

from modelsearch.utils import deep_update

_FOLD = ["cjk_width", "lowercase", "asciifolding"]
_ENGLISH = ["english_possessive", "english_stop", "english_stem"]

ANALYSIS = {
    "filter": {
        "cjk_bigrams_and_unigrams": {"type": "cjk_bigram", "output_unigrams": True},
        "cjk_bigrams": {"type": "cjk_bigram", "output_unigrams": False},
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "english_stop": {"type": "stop", "stopwords": "_english_"},
        "english_stem": {"type": "stemmer", "language": "porter2"},
        "stem_prefixes": {"type": "edge_ngram", "min_gram": 5, "max_gram": 20, "preserve_original": True},
        "autocomplete_prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
    },
    "analyzer": {
        # Every text field without an analyzer of its own (Wagtail's SearchFields, _all_text …)
        "default": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLD, "cjk_bigrams_and_unigrams", *_ENGLISH, "stem_prefixes"],
        },
        "default_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLD, "cjk_bigrams", *_ENGLISH],
        },
        "autocomplete_index": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLD, "cjk_bigrams_and_unigrams", "autocomplete_prefixes"],
        },
        "autocomplete_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLD, "cjk_bigrams"],
        },
    },
}

AUTOCOMPLETE_FIELD = {"analyzer": "autocomplete_index", "search_analyzer": "autocomplete_search"}


def index_settings(base_settings):
    """Wagtail's index settings with this analysis added (theirs stays, unused)."""
    return deep_update(deepcopy(base_settings), {"settings": {"analysis": deepcopy(ANALYSIS)}})

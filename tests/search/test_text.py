"""The analysis shared by indexing and querying on the database backends."""

from search import text
from search.backends.segmented import segment_query
from search.text import QueryTerm, analyze_document, phrase_tokens, query_terms, space_han_words


def test_centre_terms_stay_whole_and_their_parts_are_stored_too():
    tokens = analyze_document("柬埔寨西港特区投资指南").split()
    assert "西港特区" in tokens  # the centre's term, from dictionary.txt
    assert {"西港", "特区"} <= set(tokens)  # words inside it: 西港 finds 柬埔寨西港特区
    assert [term.text for term in query_terms("中阿产能合作示范园")] == ["中阿产能合作示范园"]
    assert "一带一路" in [term.text for term in query_terms("一带一路倡议")]


def test_a_query_keeps_whole_words_so_knowledge_is_not_intellectual_property():
    assert [term.text for term in query_terms("知识产权")] == ["知识产权"]
    # a page that only says 专业知识 stores 知识 but not 知识产权
    assert "知识产权" not in analyze_document("专业知识培训").split()


def test_chinese_function_words_are_not_required():
    assert [term.text for term in query_terms("在柬埔寨的投资")] == ["柬埔寨", "投资"]


def test_english_is_folded_stemmed_and_long_stems_are_prefixes():
    assert analyze_document("Registration of the Companies") == "registr compani"
    terms = query_terms("registering for ＲＣＥＰ")  # full-width letters fold to ASCII
    assert terms == [QueryTerm("regist", prefix=True), QueryTerm("rcep", prefix=False)]
    assert query_terms("law") == [QueryTerm("law", prefix=False)]  # short stems match exactly
    assert analyze_document("Café Société") == "cafe societ"


def test_autocomplete_keeps_words_unstemmed_and_completes_the_last():
    assert query_terms("registr", autocomplete=True) == [QueryTerm("registr", prefix=True)]
    assert query_terms("西港特", autocomplete=True) == [QueryTerm("西港"), QueryTerm("特", prefix=True)]


def test_phrases_are_analysed_like_documents_in_reading_order():
    assert phrase_tokens("Special Economic Zones") == ["special", "econom", "zone"]
    assert phrase_tokens("西港特区的企业") == ["西港特区", "企业"]


def test_engine_queries_get_spaces_between_chinese_words_only():
    assert space_han_words("利雅得对接会 RCEP seminar") == "利雅得 对接会 RCEP seminar"


def test_queries_with_nothing_to_search_match_nothing():
    from modelsearch.query import PlainText

    assert segment_query(PlainText('!!! () "" 的')) is None


def test_the_segmenter_is_built_once():
    assert text.segmenter() is text.segmenter()


def test_a_serving_process_loads_the_segmenter_before_its_first_request(monkeypatch):
    """config.wsgi (what gunicorn loads in each worker) builds the tokenizer,
    so no visitor's search waits the dictionary's load (about 0.6 s)."""
    import importlib
    import sys

    monkeypatch.setattr(text, "_tokenizer", None)
    monkeypatch.delitem(sys.modules, "config.wsgi", raising=False)
    importlib.import_module("config.wsgi")
    assert text._tokenizer is not None
    assert text._tokenizer.initialized

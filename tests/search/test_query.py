"""Whatever a visitor types becomes a bounded, harmless query."""

import pytest
from modelsearch.query import And, Phrase, PlainText

from search.query import MAX_QUERY_LENGTH, parse


def test_quoted_text_is_a_phrase_and_the_rest_plain_words():
    query = parse('RCEP "rules of origin" 「原产地证书」 Vietnam')
    assert query.phrases == ("rules of origin", "原产地证书")
    assert query.words == "RCEP Vietnam"
    built = query.as_search_query()
    assert isinstance(built, And)
    assert [type(part) for part in built.subqueries] == [Phrase, Phrase, PlainText]


def test_long_input_is_cut_and_flagged():
    query = parse("西港" * 5000)
    assert query.truncated
    assert len(query.text) == MAX_QUERY_LENGTH


def test_control_characters_and_extra_spaces_are_removed():
    query = parse("  west\x00 port\u200b\t\nzone  ")
    assert query.text == "west port zone"
    assert query.normalised == "west port zone"


@pytest.mark.parametrize("raw", ["()", "!!!", '""', "   ", "*", "\U0001f600"])
def test_input_without_letters_or_digits_is_not_searched(raw):
    assert not parse(raw).is_searchable


@pytest.mark.parametrize("raw", ["a AND b OR c", "title:(x) OR y~2", "foo^3 [1 TO 5]", '"unclosed', "知识产权 OR 商标"])
def test_engine_syntax_is_plain_text(raw):
    query = parse(raw)
    assert query.is_searchable
    built = query.as_search_query()
    assert isinstance(built, (PlainText, And))


def test_broadening_counts_chinese_words():
    assert parse("利雅得对接会").can_broaden()
    assert not parse("知识产权").can_broaden()
    assert parse("Madrid Sihanoukville").can_broaden()
    assert not parse("Madrid").can_broaden()


def test_synonyms_from_the_checked_in_list_are_alternatives():
    from modelsearch.query import Or

    from search.query import expand_synonyms

    assert expand_synonyms("西港投资") == ("投资", [("西港", "西哈努克港", "西哈努克")])
    assert expand_synonyms("special economic zone Cambodia") == ("cambodia", [("SEZ", "special economic zone")])
    assert expand_synonyms("知识产权") == ("知识产权", [])
    built = parse("SEZ").as_search_query()
    assert isinstance(built, Or) and [p.query_string for p in built.subqueries] == ["SEZ", "special economic zone"]

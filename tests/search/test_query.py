"""Whatever a visitor types becomes a bounded, harmless query."""

import pytest
from modelsearch.query import And, Or, Phrase, PlainText

from search.query import MAX_QUERY_LENGTH, parse

# Queries are expanded with the alias dictionary (search.aliases), which is read from the database.
pytestmark = pytest.mark.django_db


def test_quoted_text_is_a_phrase_and_the_rest_plain_words():
    query = parse('RCEP "rules of origin" 「原产地证书」 Vietnam')
    assert query.phrases == ("rules of origin", "原产地证书")
    assert query.words == "RCEP Vietnam"
    built = query.as_search_query()
    assert isinstance(built, And)
    # RCEP and Vietnam each also match their aliases (区域全面经济伙伴关系协定, 越南)
    assert [type(part) for part in built.subqueries] == [Phrase, Phrase, Or, Or]
    assert isinstance(parse('"rules of origin" tariffs').as_search_query().subqueries[1], PlainText)


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


def test_aliases_from_the_dictionary_are_alternatives():
    """The seeded alias groups (search/migrations/0005) and the country names expand a query word."""
    from search.query import expand_aliases

    xigang = ("西港", "西哈努克港", "西哈努克", "Sihanoukville", "Sihanouk")
    assert expand_aliases("西港投资") == ("投资", [xigang])
    assert expand_aliases("special economic zone Cambodia") == (
        "",
        [("SEZ", "special economic zone", "经济特区"), ("柬埔寨", "Cambodia")],
    )
    assert expand_aliases("商标注册") == ("商标注册", [])
    built = parse("SEZ").as_search_query()
    assert isinstance(built, Or)
    assert [p.query_string for p in built.subqueries] == ["SEZ", "special economic zone", "经济特区"]

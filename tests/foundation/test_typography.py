"""Punctuation and numbers in the page's language (core/typography.py,
guides/facts.py): Chinese labels end in a full-width colon, shortened text ends
in …… (Chinese) or … after a whole word (English), and compact numbers keep
three significant figures."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils.translation import override

from core.typography import truncate, with_colon
from guides.facts import format_gdp, format_population
from tests.factories import CountryGuidePageFactory, english_of

SENTENCE = "The centre helps firms register their outbound investment quickly and safely."


def test_english_is_cut_after_a_whole_word_with_one_ellipsis():
    shortened = truncate(SENTENCE, 40, "en")
    assert shortened == "The centre helps firms register their…"
    assert len(shortened) <= 40
    assert truncate(SENTENCE, 200, "en") == SENTENCE
    assert truncate("Supercalifragilistic", 10, "en") == "Supercali…"  # one word longer than the limit


def test_chinese_is_cut_anywhere_with_the_chinese_ellipsis_and_no_dangling_comma():
    text = "柬埔寨西港特区是中柬合作的重点园区，适合纺织和汽车零部件企业投资。"
    assert truncate(text, 16, "zh-hans") == "柬埔寨西港特区是中柬合作的重……"
    assert truncate(text, 19, "zh-hans") == "柬埔寨西港特区是中柬合作的重点园区……"  # not "园区，……"


def test_a_label_takes_the_colon_of_its_language():
    with override("zh-hans"):
        assert with_colon("类别") == "类别："
    with override("en"):
        assert with_colon("Category") == "Category: "


@pytest.mark.parametrize(
    ("millions", "chinese", "english"),
    [
        (101.3, "1.01亿", "101.3 million"),  # one decimal would give 1亿
        (17.6, "1760万", "17.6 million"),
        (1400, "14亿", "1.4 billion"),
        (100, "1亿", "100 million"),  # a round number stays round
    ],
)
def test_population_keeps_three_significant_figures(millions, chinese, english):
    assert format_population(millions, "zh-hans") == chinese
    assert format_population(millions, "en") == english


def test_gdp_keeps_three_significant_figures():
    with override("zh-hans"):
        assert format_gdp(430.5, "zh-hans") == "4305亿美元"
        assert format_gdp(1.234, "zh-hans") == "12.3亿美元"


def test_templates_shorten_text_only_through_the_filter():
    """truncatechars would cut English mid-word and end Chinese with "…"."""
    templates = [path for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html") if ".venv" not in path.parts]
    assert templates
    offenders = [str(path) for path in templates if re.search(r"\|truncate(chars|words)", path.read_text())]
    assert offenders == []
    template = Template("{% load core_tags %}{{ text|truncate_text:40 }}")
    with override("en"):
        assert template.render(Context({"text": SENTENCE})) == "The centre helps firms register their…"
    with override("zh-hans"):
        assert template.render(Context({"text": "介绍境外投资备案流程，" * 5})).endswith("……")


@pytest.mark.django_db
def test_guide_pages_use_the_colon_and_the_number_format(client, zh, en):
    guide = CountryGuidePageFactory(country="VN", english=True, population_millions=101.3)
    html = client.get(guide.url).content.decode()
    assert "1.01亿" in html
    assert "最近审核：<time" in html
    assert not re.search(r"[\u4e00-\u9fff]: ", html.split("<main", 1)[1])
    english = client.get(english_of(guide).url).content.decode()
    assert "Last reviewed: <time" in english and "101.3 million" in english

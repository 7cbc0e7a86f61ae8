"""What the search page promises, one test per promise. The hint under the
box: "Words in Chinese or English (when nothing matches in this language, you
see the matches in the other); put a phrase in quotes to find it exactly".
The empty result: "Search for a country name, for example 柬埔寨 or Vietnam".
Without the cross-language fallback in search/service.py the first tests
find nothing."""

import pytest

from tests.factories import DirectoryEntryFactory

pytestmark = pytest.mark.django_db

HINT = {
    "zh-hans": "可输入中文或英文词语（本语言内容中没有匹配时，显示另一种语言的结果）；用引号括住短语可精确查找。",
    "en": "Words in Chinese or English (when nothing matches in this language, you see the matches in the other); "
    "put a phrase in quotes to find it exactly.",
}
BROADENED = "No page contains all of your words; these results contain some of them."


@pytest.fixture
def vietnam_law_firm(scenario, engine):
    """An English-only directory entry: the Chinese site has nothing about law firms in Vietnam."""
    entry = DirectoryEntryFactory(
        language="en",
        name="Red River Law Firm",
        description="A law firm in Hanoi, Vietnam: company set-up and labour law.",
        key="red-river-law",
        country="VN",
        city="",
    )
    engine.refresh()
    return entry


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_hint_says_what_search_does(client, language):
    assert HINT[language] in client.get(f"/{language}/search/").content.decode()


def test_chinese_words_on_the_english_page_find_chinese_results_marked_as_such(client, scenario):
    # 纺织 (textiles) has no alias: country names would find the English page's own results (search.aliases)
    html = client.get("/en/search/", {"q": "纺织"}).content.decode()
    assert "Nothing matched in English, so these results are in Simplified Chinese." in html
    assert '<li class="search-result search-result--guides" lang="zh-Hans">' in html
    assert f'href="{scenario["cambodia_zh"].url}"' in html
    assert "Nothing matched your search." not in html


def test_english_words_on_the_chinese_page_find_english_results_marked_as_such(client, vietnam_law_firm):
    html = client.get("/zh-hans/search/", {"q": "law firm Vietnam"}).content.decode()
    assert "简体中文内容中没有匹配的结果，以下是英语的结果。" in html
    assert '<li class="search-result search-result--directory" lang="en">' in html
    assert "/en/directory/red-river-law/" in html


def test_results_in_the_pages_language_come_first_and_alone(client, scenario):
    html = client.get("/en/search/", {"q": "Cambodia"}).content.decode()
    assert f'href="{scenario["cambodia_en"].url}"' in html
    assert f'href="{scenario["cambodia_zh"].url}"' not in html
    assert "these results are in" not in html


def test_a_phrase_in_quotes_is_found_exactly(client, scenario):
    """Only the exact phrase counts as a match; pages with its words in another
    order are offered only as the labelled "some of your words" results."""
    exact = client.get("/en/search/", {"q": '"special economic zone"'}).content.decode()
    assert f'href="{scenario["cambodia_en"].url}"' in exact
    assert BROADENED not in exact
    apart = client.get("/en/search/", {"q": '"zone special economic"'}).content.decode()
    assert BROADENED in apart


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("country", ["柬埔寨", "Vietnam"])
def test_the_country_names_the_empty_result_suggests_find_something(client, vietnam_law_firm, language, country):
    html = client.get(f"/{language}/search/", {"q": country}).content.decode()
    assert 'class="search-result ' in html, (language, country)


def test_the_empty_result_suggests_them(client, scenario):
    html = client.get("/en/search/", {"q": "zzzyx"}).content.decode()
    assert "Nothing matched your search." in html
    assert "Search for a country name, for example 柬埔寨 or Vietnam." in html


def test_suggestions_fall_back_to_the_other_language_too(client, scenario):
    data = client.get("/en/search/suggest/", {"q": "西港特"}).json()
    assert any(item["title"] == "柬埔寨西港特区投资说明会" for item in data["suggestions"])
    assert {item["language"] for item in data["suggestions"]} == {"zh-hans"}
    assert "language" not in client.get("/en/search/suggest/", {"q": "Camb"}).json()["suggestions"][0]

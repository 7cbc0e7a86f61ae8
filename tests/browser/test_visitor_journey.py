"""Journey 1: a visitor finds, reads and compares country guides in both
languages, and searches in Chinese and in English."""

import re

import pytest

from .content import import_journey_content

pytestmark = pytest.mark.browser


@pytest.fixture
def guides(db):
    import_journey_content()


def h1(page):
    return page.locator("h1").first.inner_text()


def search_for(page, words):
    box = page.get_by_role("search").locator("input[name=q]")
    box.fill(words)
    box.press("Enter")


def switch_language(page, name):
    page.locator("nav.language-switcher").get_by_role("link", name=name).click()
    page.wait_for_load_state()


def test_visitor_reads_filters_compares_and_searches_in_both_languages(page, guides):
    # Lands on / with a Chinese browser: sent to the Chinese home page.
    page.open("/")
    assert page.path() == "/zh-hans/"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.check("home-zh")

    # Through the main menu to the guides, and into the guide to Cambodia.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="国别指南").click()
    assert page.path() == "/zh-hans/guides/"
    page.check("guides-zh")
    page.locator(".guide-card__name a", has_text="柬埔寨").click()
    assert page.path() == "/zh-hans/guides/cambodia/"
    chinese_title = h1(page)
    page.check("guide-zh")

    # Switching to English stays on the same guide.
    switch_language(page, "English")
    assert page.path() == "/en/guides/cambodia/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Cambodia" in h1(page) and h1(page) != chinese_title
    page.check("guide-en")

    # The English guide list, filtered to South-East Asia: West Asia drops out.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Country guides").click()
    assert page.path() == "/en/guides/"
    page.get_by_label("Region", exact=True).select_option("southeast-asia")
    page.get_by_role("button", name="Show guides").click()
    page.wait_for_url(re.compile(r"region=southeast-asia"))
    names = page.locator(".guide-card__name").all_inner_texts()
    assert sorted(names) == ["Cambodia", "Thailand", "Vietnam"]
    assert "3 of 4 guides" in page.locator(".result-count").inner_text()
    page.check("guides-filtered-en")

    # Compare two of them.
    page.get_by_label("Compare Cambodia").check()
    page.get_by_label("Compare Vietnam").check()
    page.get_by_role("button", name="Compare the selected countries").click()
    page.wait_for_url(re.compile(r"/en/guides/compare/\?c=KH&c=VN"))
    headers = page.locator(".compare-table thead th").all_inner_texts()
    assert headers == ["Cambodia", "Vietnam"]
    page.check("compare-en")

    # Search in English …
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    search_for(page, "Cambodia")
    page.wait_for_url(re.compile(r"/en/search/\?.*q=Cambodia"))
    results = page.locator(".search-result__title").all_inner_texts()
    assert any("Cambodia" in title for title in results), results
    page.check("search-en")

    # … and in Chinese, after switching language on the search page.
    switch_language(page, "简体中文")
    assert page.path().startswith("/zh-hans/search/")
    search_for(page, "柬埔寨")
    page.wait_for_url(re.compile(r"/zh-hans/search/\?"))
    results = page.locator(".search-result__title").all_inner_texts()
    assert any("柬埔寨" in title for title in results), results
    assert not any("Cambodia" in title for title in results)
    page.check("search-zh")

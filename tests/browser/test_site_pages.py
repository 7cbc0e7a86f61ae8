"""The pages every visitor may need whatever they came for: the home page,
the accessibility statement and the privacy notice, in both languages, with
the language switcher keeping the visitor on the same page."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("chinese", "english", "name"),
    [
        ("/zh-hans/about/accessibility/", "/en/about/accessibility/", "accessibility"),
        ("/zh-hans/about/privacy/", "/en/about/privacy/", "privacy"),
    ],
)
def test_statement_pages_exist_in_both_languages_and_pass_axe(page, chinese, english, name):
    page.open(chinese)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.check(f"{name}-zh")
    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.path() == english
    assert page.locator("html").get_attribute("lang") == "en"
    page.check(f"{name}-en")


def test_an_english_browser_lands_on_the_english_home_page(open_tab):
    tab = open_tab(locale="en-GB")
    tab.open("/")
    assert tab.path() == "/en/"
    tab.check("home-en")


def test_the_skip_link_is_the_first_stop_after_the_reading_mode_bar_and_moves_focus_to_the_content(page):
    """Before it come only the elder-friendly mode's switch and text-size control
    (tests/browser/test_reading_mode.py)."""
    page.open("/zh-hans/")
    page.keyboard.press("Tab")
    while page.evaluate("!!document.activeElement.closest('.reading-mode')"):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

import pytest

pytestmark = pytest.mark.browser


def test_landing_sends_a_chinese_browser_to_chinese_and_switching_keeps_the_page(page):
    page.open("/")
    assert page.path() == "/zh-hans/"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.check("home-zh")
    page.open("/zh-hans/about/accessibility/")
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    assert page.path() == "/en/about/accessibility/"
    page.check("accessibility-en")

"""The elder-friendly, accessible reading mode (core/reading_mode.py): the
switch is the keyboard's first stop, the mode passes axe with the AAA
contrast rule on the pages a visitor needs, at phone and desktop widths, with
18 px text at line height 1.8, and JavaScript remembers it without a cookie."""

import re

import pytest

from .content import import_journey_content
from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser

GUIDE_PATH = "/zh-hans/guides/cambodia/"
EVENT_PATH = "/zh-hans/events/overseas-ip-protection-training-2027/"


@pytest.fixture
def content(db):
    import_journey_content()


def assert_elder_friendly(page):
    """The mode's typography and targets, measured in the browser."""
    style = page.evaluate(
        """() => {
            const body = getComputedStyle(document.body);
            const controls = 'nav a, button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio])';
            const small = [...document.querySelectorAll(controls)]
                .filter(e => e.offsetParent !== null)
                .map(e => e.getBoundingClientRect())
                .filter(r => r.height < 44);
            const hasText = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            const tinyText = [...document.querySelectorAll('main *')]
                .filter(e => e.offsetParent !== null && hasText(e))
                .filter(e => parseFloat(getComputedStyle(e).fontSize) < 18);
            return {size: parseFloat(body.fontSize), lineHeight: parseFloat(body.lineHeight), small: small.length,
                    tinyText: tinyText.map(e => e.tagName + '.' + e.className),
                    root: document.documentElement.className};
        }"""
    )
    assert "easy" in style["root"]
    assert style["size"] >= 18
    assert style["lineHeight"] >= 1.8 * style["size"] - 0.5
    assert style["small"] == 0
    assert style["tinyText"] == []  # no text in the page below 18 px


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/zh-hans/"),
        ("guide", GUIDE_PATH),
        ("event", EVENT_PATH),
        ("search", "/zh-hans/search/?q=柬埔寨"),
    ],
)
def test_the_elder_friendly_mode_passes_axe_with_aaa_contrast(page, content, name, path):
    separator = "&" if "?" in path else "?"
    page.open(f"{path}{separator}easy=1")
    if name == "event":
        assert page.locator("form").filter(has=page.locator("#id_company_name")).count() == 1
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert_elder_friendly(page)
        page.screenshot(path=page.screenshot_dir / f"easy-{name}-{viewport['width']}.png", full_page=True)
        page.assert_accessible(enhanced_contrast=True)


def test_the_switch_is_the_first_stop_and_the_mode_is_remembered_without_a_cookie(page, content):
    page.open("/zh-hans/")
    page.keyboard.press("Tab")
    switch = page.evaluate("document.activeElement.textContent")
    assert switch.strip() == "适老化模式：大字、高对比度"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?easy=1$"))
    assert page.locator("html").get_attribute("class") == "easy"
    # Another page, opened without the parameter: local storage brings the mode along.
    page.open(GUIDE_PATH)
    assert "easy" in page.locator("html").get_attribute("class")
    assert page.locator(".reading-mode__leave").is_visible()
    assert not page.locator(".reading-mode__enter").is_visible()
    assert page.context.cookies() == []
    # Leaving the mode is remembered too.
    page.locator(".reading-mode__leave").click()
    page.wait_for_url(re.compile(r"\?easy=0$"))
    page.open(GUIDE_PATH)
    assert "easy" not in (page.locator("html").get_attribute("class") or "")

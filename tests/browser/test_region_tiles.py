"""The guide index's map without borders: region tiles that a keyboard user
reaches and opens, in both languages, with screenshots at 375 and 1280 px
(var/screenshots/guides-tiles-<language>-<width>.png) and axe-core."""

import re

import pytest

from .content import import_journey_content

pytestmark = pytest.mark.browser

TILE_NAMES = {
    "zh-hans": ["柬埔寨", "泰国", "越南", "阿拉伯联合酋长国"],
    "en": ["Cambodia", "Thailand", "Vietnam", "United Arab Emirates"],
}


@pytest.fixture
def guides(db):
    import_journey_content()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_tile_is_a_named_link_reached_and_opened_by_keyboard(page, guides, language):
    page.open(f"/{language}/guides/")
    tiles = page.locator(".region-tiles").get_by_role("link")
    assert sorted(tiles.all_inner_texts()) == sorted(TILE_NAMES[language])
    first = tiles.first
    name = first.inner_text()
    # Tab from the top of the page until the first tile has the focus (the
    # skip link, header, menu and language switcher come before it).
    for _press in range(40):
        page.keyboard.press("Tab")
        if first.evaluate("tile => tile === document.activeElement"):
            break
    else:
        pytest.fail("the first tile is not reachable by keyboard")
    page.screenshots(f"guides-tiles-{language}")
    page.assert_accessible()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{language}/guides/[a-z-]+/$"))
    assert name in page.locator("h1").first.inner_text()
    assert not page.problems

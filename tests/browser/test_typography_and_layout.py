"""Typesetting and layout as Chromium renders them (site.css): English text
starts with a Latin font, so its quotes are half-width; Chinese text with a
CJK font; the main menu lines up with the content at 1280 px; the footer's
filing links keep off the screen edge at 375 px."""

import pytest
from wagtail.models import Site

from core.models import SiteSettings

from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser

CJK_FAMILIES = {"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"}
CJK_FAMILIES |= {"WenQuanYi Micro Hei"}
LATIN_FAMILIES = {"-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Liberation Sans", "Noto Sans"}
LATIN_FAMILIES |= {"DejaVu Sans"}


def first_family(page, selector):
    stack = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontFamily")
    return stack.split(",")[0].strip().strip('"')


def rendering_fonts(page, selector):
    """The fonts Chromium actually drew the element's text with (DevTools protocol)."""
    session = page.context.new_cdp_session(page.page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_english_text_is_set_in_a_latin_font_and_its_quotes_are_half_width(page):
    """Without the per-language stacks the body's first font is PingFang SC,
    and the “…” around the query are drawn by the CJK font (full width)."""
    page.open("/en/search/?q=visa")
    assert first_family(page, "body") in LATIN_FAMILIES
    count = page.locator(".result-count").inner_text()
    assert "“visa”" in count
    fonts = rendering_fonts(page, ".result-count")
    assert fonts and not fonts & CJK_FAMILIES, fonts
    page.screenshots("typography-search-en")


def test_chinese_text_is_set_in_a_cjk_font(page):
    """The control: the same check sees the CJK font when it is used."""
    page.open("/zh-hans/search/?q=visa")
    assert first_family(page, "body") in CJK_FAMILIES
    assert rendering_fonts(page, ".result-count") & CJK_FAMILIES


def test_the_main_menu_lines_up_with_the_content_at_1280_px(page):
    page.set_viewport_size(DESKTOP)
    page.open("/zh-hans/about/")
    menu = page.locator(".main-nav li").first.bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert abs(menu["x"] - heading["x"]) <= 4, (menu, heading)
    page.screenshots("layout-about-zh")


def test_the_footer_filing_links_keep_off_the_screen_edge_at_375_px(page):
    # setup_site leaves the filing numbers for the centre to fill in.
    filing = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    filing.icp_number, filing.psb_number = "测ICP备12345678号-1", "测公网安备 33010002000001号"
    filing.save()
    page.set_viewport_size(PHONE)
    page.open("/zh-hans/")
    links = page.locator(".site-footer__marks a")
    assert links.count() > 0
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 8 and box["x"] + box["width"] <= PHONE["width"] - 8, box

"""The emergency card in a real browser: the page in both languages and the
printable sheet pass axe-core; printed, the sheet is one A4 page
(screenshots in var/screenshots/)."""

import re

import pytest

from guides.models import GuideIndexPage
from tests.browser.conftest import SCREENSHOT_DIR
from tests.factories import CountryGuidePageFactory, EmergencyCardFactory, locale

pytestmark = pytest.mark.browser


def test_the_card_and_its_printable_sheet(page):
    EmergencyCardFactory(english=True)
    CountryGuidePageFactory(country="KH")
    zh_index = GuideIndexPage.objects.get(locale=locale("zh-hans"))
    en_index = GuideIndexPage.objects.get(locale=locale("en"))

    page.open(zh_index.emergency_card_url("KH"))
    page.check("emergency-card-zh")
    page.open(en_index.emergency_card_url("KH"))
    page.check("emergency-card-en")

    page.open(zh_index.emergency_card_url("KH", route="emergency_card_print"))
    page.assert_accessible()
    page.emulate_media(media="print")
    page.screenshot(path=SCREENSHOT_DIR / "emergency-card-print.png", full_page=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    # One A4 page: a sheet that overflowed would print a second one.
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    width, height = (float(side) for side in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 in points

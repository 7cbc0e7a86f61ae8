"""Journey: a reviewer uploads a photo in the admin, gives an event a lead
image (refused until it has alt text), publishes; visitors see a responsive
picture, described in each language, at phone and desktop widths."""

import re
from io import BytesIO

import pytest
from PIL import Image as PILImage

from core.translation import translate
from events.models import EventPage
from tests.factories import EventPageFactory, english_of, locale

from .test_editorial_journey import footer_action, sign_in

pytestmark = pytest.mark.browser

ZH_ALT = "往期培训现场：讲师讲解境外投资备案流程"
EN_ALT = "A past training session: the trainer explains outbound investment filing"


def _photo(tmp_path):
    path = tmp_path / "training.jpg"
    output = BytesIO()
    image = PILImage.new("RGB", (1600, 900), (14, 116, 144))
    image.paste((240, 228, 200), (200, 200, 1400, 700))
    image.save(output, "JPEG")
    path.write_bytes(output.getvalue())
    return path


def test_an_editor_adds_a_lead_image_and_visitors_see_it_in_both_languages(open_tab, reviewer, zh, en, tmp_path):
    event = EventPageFactory(title="境外投资合规培训", slug="compliance-training", english=True)

    desk = sign_in(open_tab, "reviewer")
    desk.open("/admin/images/add/")
    desk.locator("#id_title").fill("培训现场")
    desk.locator("#id_file").set_input_files(str(_photo(tmp_path)))
    desk.locator("form button[type=submit], form input[type=submit]").last.click()
    desk.wait_for_load_state()

    desk.open(f"/admin/pages/{event.pk}/edit/")
    desk.get_by_role("button", name="Choose an image").first.click()
    desk.locator(".modal").get_by_text("培训现场").first.click()
    desk.locator("#id_lead_image_caption").fill("2025年春季培训")
    footer_action(desk, "Publish")
    # Refused: the image has neither alt text nor the decorative choice.
    assert desk.get_by_text("Describe the image for readers who cannot see it").first.is_visible()
    assert not EventPage.objects.get(pk=event.pk).lead_image_id
    desk.screenshots("admin-lead-image-refused")

    desk.locator("#id_lead_image_alt").fill(ZH_ALT)
    footer_action(desk, "Publish")
    assert EventPage.objects.get(pk=event.pk).lead_image_id

    # The translator's English alt text (what wagtail-localize stores for the translation).
    source = EventPage.objects.get(pk=event.pk)
    english = english_of(source)
    translate(
        source,
        locale("en"),
        {
            "title": english.title,
            "summary": english.summary,
            "venue": english.venue,
            "body": english.body.raw_data,
            "materials": [],
            "lead_image_alt": EN_ALT,
            "lead_image_caption": "Spring 2025 training",
            "lead_image_credit": "",
        },
    )

    visitor = open_tab()
    for path, alt in ((source.url, ZH_ALT), (english_of(source).url, EN_ALT)):
        visitor.open(path)
        picture = visitor.locator("figure.figure--lead picture")
        assert picture.locator("source[type='image/webp']").count() == 1
        image = picture.locator("img")
        assert image.get_attribute("alt") == alt
        assert image.get_attribute("width") and image.get_attribute("height")
        assert {"375w", "750w", "1280w"} <= set(re.findall(r"\d+w", image.get_attribute("srcset")))
        # The browser actually loaded one of the renditions.
        assert visitor.evaluate("el => el.complete && el.naturalWidth > 0", image.element_handle())
        visitor.check(f"event-lead-image-{'zh' if path == source.url else 'en'}")

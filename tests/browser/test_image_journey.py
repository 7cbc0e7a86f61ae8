"""Journeys: a reviewer uploads a photo in the admin, gives an event a lead
image (refused until it has alt text), publishes; visitors see a responsive
picture, described in each language, at phone and desktop widths. The same
for a directory entry's logo, an image block in an advisory's body, and an
event's gallery of past-session photos with an image in its text."""

import json
import re
from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from playwright.sync_api import expect

from advisories.models import AdvisoryPage
from core.translation import translate
from directory.models import DirectoryEntry
from events.models import EventPage
from tests.factories import (
    AdvisoryPageFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    ImageFactory,
    english_of,
    locale,
)

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


def publish(desk):
    """Publish from the editor's footer and wait for the answer (the page saved, or
    the form back with its errors): the click alone returns before the POST is done,
    and the database was once read before the save (flaky in CI)."""
    with desk.expect_navigation():
        footer_action(desk, "Publish")


def choose_image(desk, button, title):
    """Wagtail's image chooser: open it, pick the image, and wait for the modal to
    close, which it does once the chosen image's answer has filled the field (a
    Publish clicked earlier sent the form without the image: flaky in CI)."""
    button.click()
    desk.locator(".modal").get_by_text(title).first.click()
    expect(desk.locator(".modal")).to_be_hidden()


def save_snippet(desk):
    """The snippet editor's Save, waiting for its answer as `publish` does."""
    with desk.expect_navigation():
        desk.locator("footer").get_by_role("button", name="Save", exact=True).click()


def test_an_editor_adds_a_lead_image_and_visitors_see_it_in_both_languages(open_tab, reviewer, zh, en, tmp_path):
    event = EventPageFactory(title="境外投资合规培训", slug="compliance-training", english=True)

    desk = sign_in(open_tab, "reviewer")
    desk.open("/admin/images/add/")
    desk.locator("#id_title").fill("培训现场")
    desk.locator("#id_file").set_input_files(str(_photo(tmp_path)))
    with desk.expect_navigation():  # the upload is done before the next page opens
        desk.locator("form button[type=submit], form input[type=submit]").last.click()

    desk.open(f"/admin/pages/{event.pk}/edit/")
    choose_image(desk, desk.get_by_role("button", name="Choose an image").first, "培训现场")
    desk.locator("#id_lead_image_caption").fill("2025年春季培训")
    publish(desk)
    # Refused: the image has neither alt text nor the decorative choice.
    assert desk.get_by_text("Describe the image for readers who cannot see it").first.is_visible()
    assert not EventPage.objects.get(pk=event.pk).lead_image_id
    desk.screenshots("admin-lead-image-refused")

    desk.locator("#id_lead_image_alt").fill(ZH_ALT)
    publish(desk)
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


def test_an_editor_gives_a_directory_entry_its_logo_and_visitors_see_it(open_tab, reviewer, zh, en):
    entry = DirectoryEntryFactory(key="mekong-legal", name="湄公法律事务所", english=True)
    ImageFactory(title="湄公法律标志")

    desk = sign_in(open_tab, "reviewer")
    desk.open(reverse("wagtailsnippets_directory_directoryentry:edit", args=[entry.pk]))
    choose_image(desk, desk.get_by_role("button", name="Choose an image").first, "湄公法律标志")
    save_snippet(desk)
    assert desk.get_by_text("Describe the image for readers who cannot see it").first.is_visible()
    assert DirectoryEntry.objects.get(pk=entry.pk).logo_id is None

    desk.locator("#id_logo_alt").fill("湄公法律事务所标志")
    save_snippet(desk)
    assert DirectoryEntry.objects.get(pk=entry.pk).logo_id

    visitor = open_tab()
    visitor.open("/zh-hans/directory/mekong-legal/")
    logo = visitor.locator("figure.figure--logo picture img")
    assert logo.get_attribute("alt") == "湄公法律事务所标志"
    assert visitor.evaluate("el => el.complete && el.naturalWidth > 0", logo.element_handle())
    visitor.check("directory-logo-zh")


def test_an_editor_adds_an_image_block_to_an_advisory_and_visitors_see_it(open_tab, reviewer, zh, en):
    advisory = AdvisoryPageFactory(title="柬埔寨港口延误提示", slug="port-delays")
    ImageFactory(title="港口示意图")

    desk = sign_in(open_tab, "reviewer")
    desk.open(f"/admin/pages/{advisory.pk}/edit/")
    choosers = desk.get_by_role("button", name="Choose an image")
    expect(choosers).to_have_count(1)  # the lead image's
    desk.get_by_role("button", name="Insert a block").last.click()
    desk.get_by_role("option", name="Image", exact=True).click()
    # The new block's chooser is the last, once the block is drawn: taken
    # before that, `.last` was the lead image's (flaky in CI).
    expect(choosers).to_have_count(2)
    choose_image(desk, choosers.last, "港口示意图")
    publish(desk)
    expect(desk.get_by_text("Describe the image for readers who cannot see it").first).to_be_visible()
    assert [block.block_type for block in AdvisoryPage.objects.get(pk=advisory.pk).body] == ["rich_text"]

    desk.locator("[id$='-value-alt_text']").last.fill("西哈努克港码头示意图")
    desk.locator("[id$='-value-caption']").last.fill("港口布局（示意）")
    publish(desk)
    published = AdvisoryPage.objects.get(pk=advisory.pk)
    assert [block.block_type for block in published.body] == ["rich_text", "image"], desk.locator(
        ".error-message, .help-critical, [role=alert]"
    ).all_inner_texts()

    visitor = open_tab()
    visitor.open(published.url)
    image = visitor.locator(".advisory-body figure picture img")
    assert image.get_attribute("alt") == "西哈努克港码头示意图"
    assert image.get_attribute("loading") == "lazy"
    visitor.check("advisory-image-block-zh")


GALLERY_ALTS = [
    ("学员在备案咨询台前交流", "Participants at the filing help desk"),
    ("讲师与学员合影", "The trainer with participants"),
]
TEXT_ALT = ("境外投资备案流程图", "Flow chart of outbound investment filing")


def _in_english(raw_body, pairs):
    """The source's body (same block ids, as wagtail-localize pairs them) with each Chinese text in English."""
    text = json.dumps(list(raw_body), ensure_ascii=False)
    for chinese, english in pairs:
        text = text.replace(chinese, english)
    return json.loads(text)


def test_an_editor_adds_a_gallery_and_an_image_in_text_to_an_event_and_visitors_see_both(
    open_tab, reviewer, zh, en, tmp_path
):
    event = EventPageFactory(title="往期培训回顾", slug="past-sessions", english=True)
    for chinese_alt, _english in GALLERY_ALTS:
        ImageFactory(title=chinese_alt[:6])
    ImageFactory(title="备案流程图")

    desk = sign_in(open_tab, "reviewer")
    desk.open(f"/admin/pages/{event.pk}/edit/")
    # An image in the text: Draftail's "/" menu, Wagtail's chooser, then its alt text form.
    text = desk.locator(".Draftail-Editor [contenteditable=true]").first
    text.click()
    desk.keyboard.press("End")
    desk.keyboard.press("Enter")
    desk.keyboard.type("/image")
    desk.keyboard.press("Enter")
    desk.locator(".modal").get_by_text("备案流程图").first.click()
    desk.locator("#id_image-chooser-insertion-format_0").check()
    desk.locator("#id_image-chooser-insertion-alt_text").fill(TEXT_ALT[0])
    desk.locator(".modal").get_by_role("button", name="Insert image").click()
    expect(desk.locator(".modal")).to_be_hidden()

    # A gallery of past-session photos, at the end of the body.
    desk.locator("[data-contentpath='body']").get_by_role("button", name="Insert a block").last.click()
    desk.get_by_role("option", name="Gallery", exact=True).click()
    desk.locator("[id$='-value-heading']").last.fill("往期活动照片")
    photos = desk.locator("[data-contentpath='body'] [data-contentpath='images']").last
    for number, (chinese_alt, _english) in enumerate(GALLERY_ALTS):
        if photos.locator("[id$='-value-alt_text']").count() <= number:
            photos.locator("button.c-sf-add-button").last.click()
        # The new photo is drawn before its chooser is taken: `.last` is its own.
        expect(photos.locator("[id$='-value-alt_text']")).to_have_count(number + 1)
        choose_image(desk, photos.get_by_role("button", name="Choose an image").last, chinese_alt[:6])
        photos.locator("[id$='-value-alt_text']").last.fill(chinese_alt)
    publish(desk)
    published = EventPage.objects.get(pk=event.pk)
    assert [block.block_type for block in published.body] == ["rich_text", "gallery"], (
        desk.locator(".error-message, .help-critical, [role=alert]").all_inner_texts(),
        [block.block_type for block in published.body],
    )
    assert f'alt="{TEXT_ALT[0]}"' in published.body[0].value.source

    english = english_of(published)
    pairs = [*GALLERY_ALTS, TEXT_ALT, ("往期活动照片", "Past sessions"), ("课程内容。", "What the course covers.")]
    translate(
        published,
        locale("en"),
        {
            "title": english.title,
            "summary": english.summary,
            "venue": english.venue,
            "body": _in_english(published.body.raw_data, pairs),
            "materials": [],
        },
    )

    visitor = open_tab()
    for language, path in (("zh", published.url), ("en", english_of(published).url)):
        visitor.open(path)
        index = 0 if language == "zh" else 1
        gallery = visitor.locator(".gallery picture img")
        assert [gallery.nth(n).get_attribute("alt") for n in range(2)] == [pair[index] for pair in GALLERY_ALTS]
        text_image = visitor.locator(f"img[alt='{TEXT_ALT[index]}']")
        assert text_image.count() == 1
        for image in (gallery.first, text_image):
            image.scroll_into_view_if_needed()
            assert visitor.evaluate("el => el.complete && el.naturalWidth > 0", image.element_handle())
        visitor.check(f"event-gallery-and-text-image-{language}")

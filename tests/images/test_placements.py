"""Every image placement is described (alt text, translated) or marked
decorative; publishing makes its renditions; pages show a responsive picture."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield
from wagtail_localize.models import String

from core.blocks import BODY_FEATURES
from core.images import ALT_TEXT_REQUIRED, RENDITION_SPECS
from core.richtext_images import RICH_TEXT_IMAGE_ALT_REQUIRED
from events.models import EventPage
from tests.factories import (
    AdvisoryPageFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    ImageFactory,
    add_english,
    after_commit,
)

pytestmark = pytest.mark.django_db
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _has_picture_renditions(*images):
    """Every rendition a picture offers exists (the admin may have made its thumbnails too)."""
    return all(set(RENDITION_SPECS) <= set(image.renditions.values_list("filter_spec", flat=True)) for image in images)


def _edit_form(client, page, **streams):
    """The edit form as the browser posts it (JavaScript draws the StreamFields, so they are added here)."""
    url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for name, value in nested_form_data({name: streamfield(blocks) for name, blocks in streams.items()}).items():
        data[name] = value
    return url, data


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def test_publishing_a_lead_image_without_alt_text_is_refused_in_the_editors_language(
    reviewer_client, django_capture_on_commit_callbacks
):
    """Without LeadImagePlacement.clean the page would go live with an undescribed image."""
    event = EventPageFactory()
    image = ImageFactory()
    url, data = _edit_form(reviewer_client, event, body=[("rich_text", rich_text("<p>课程内容。</p>"))], materials=[])
    data.update({"lead_image": str(image.pk), "lead_image_alt": "", "action-publish": "1"})
    response = reviewer_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = str(ALT_TEXT_REQUIRED)
    assert "替代文字" in expected  # the message is translated, not the English msgid
    assert response.context["form"].errors["lead_image_alt"] == [expected]
    assert EventPage.objects.get(pk=event.pk).lead_image_id is None

    data["lead_image_alt"] = "培训现场：讲师讲解备案流程"
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 302
    assert EventPage.objects.get(pk=event.pk).lead_image_id == image.pk
    # Made by the publish task (core.tasks.make_renditions), before anyone visits.
    assert _has_picture_renditions(image)


def test_an_image_block_without_alt_text_is_refused(reviewer_client):
    """Without ImageBlock.clean the block would be saved with an empty alt."""
    advisory = AdvisoryPageFactory()
    image = ImageFactory()
    url, data = _edit_form(
        reviewer_client, advisory, body=[("image", {"image": image.pk, "alt_text": "", "caption": "图"})]
    )
    data["action-publish"] = "1"
    response = reviewer_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    assert "替代文字" in response.content.decode()
    assert all(block["type"] != "image" for block in advisory.get_latest_revision_as_object().body.raw_data)


def test_a_decorative_image_needs_no_alt_text_and_is_skipped_by_screen_readers(client):
    event = after_commit(EventPageFactory, lead_image=ImageFactory(), lead_image_decorative=True)
    html = client.get(event.url).content.decode()
    assert re.search(r'<img[^>]* alt=""', html)


def test_each_language_shows_its_own_alt_text_caption_and_credit(client):
    image = ImageFactory()
    event = after_commit(
        EventPageFactory,
        lead_image=image,
        lead_image_alt="往期培训现场",
        lead_image_caption="2025年春季培训",
        lead_image_credit="图片：服务中心",
    )
    english = after_commit(
        add_english,
        event,
        lead_image_alt="A past training session",
        lead_image_caption="Spring 2025 training",
        lead_image_credit="Photo: the centre",
    )
    chinese_html = client.get(event.url).content.decode()
    english_html = client.get(english.url).content.decode()
    assert 'alt="往期培训现场"' in chinese_html and "图片：服务中心" in chinese_html
    assert 'alt="A past training session"' in english_html and "Photo: the centre" in english_html
    assert english.lead_image_id == image.pk  # the image itself is the same in every language


def test_pictures_are_responsive_and_made_before_the_first_visit(client):
    """A lead image and a gallery: AVIF/WebP sources, a JPEG fallback with srcset,
    sizes, width and height; lazy below the fold; showing the page writes nothing
    (without the publish task the first visit would INSERT the renditions)."""
    lead, photo = ImageFactory(), ImageFactory()
    gallery = {"heading": "往期活动", "images": [{"image": photo.pk, "alt_text": "学员合影"}]}
    event = after_commit(
        EventPageFactory,
        lead_image=lead,
        lead_image_alt="海报",
        body=[{"type": "rich_text", "value": "<p>课程内容。</p>"}, {"type": "gallery", "value": gallery}],
    )
    assert _has_picture_renditions(lead, photo)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(event.url).content.decode()
    assert not [query["sql"] for query in queries if WRITES.match(query["sql"])]
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 2
    lead_picture, gallery_picture = pictures
    for picture in pictures:
        assert 'type="image/webp"' in picture and "srcset=" in picture and "sizes=" in picture
        assert re.search(r'<img[^>]* width="\d+"[^>]* height="\d+"|<img[^>]* height="\d+"[^>]* width="\d+"', picture)
    assert 'fetchpriority="high"' in lead_picture and 'loading="lazy"' not in lead_picture
    assert 'loading="lazy"' in gallery_picture and 'alt="学员合影"' in gallery_picture


def test_a_directory_logo_is_described_and_its_renditions_made_when_listed(client):
    logo = ImageFactory()
    entry = after_commit(DirectoryEntryFactory, logo=logo, logo_alt="湄公律师事务所标志")
    assert _has_picture_renditions(logo)
    entry.logo_alt = ""
    with pytest.raises(Exception, match="decorative|装饰"):
        entry.full_clean()


def _text_with_image(image, alt):
    return f'<p>课程内容。</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="{alt}"/>'


def test_an_image_in_rich_text_without_alt_text_is_refused(reviewer_client):
    """Without RichTextBlock.clean (core.richtext_images) the text would go live
    with an undescribed image: Wagtail checks the alt only in its chooser."""
    event = EventPageFactory()
    image = ImageFactory()
    body = [("rich_text", rich_text(_text_with_image(image, ""), features=BODY_FEATURES))]
    url, data = _edit_form(reviewer_client, event, body=body, materials=[])
    data["action-publish"] = "1"
    response = reviewer_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = str(RICH_TEXT_IMAGE_ALT_REQUIRED)
    assert "替代文字" in expected
    assert expected in str(response.context["form"].errors["body"].as_data()[0].block_errors)
    assert "<embed" not in EventPage.objects.get(pk=event.pk).body.raw_data[0]["value"]


def test_an_image_in_rich_text_has_its_alt_text_translated_and_its_renditions_made(client):
    """wagtail-localize offers the alt as a string and the translation shows its
    own; without core.richtext_images.translate_image_alts the English page
    would keep the Chinese alt (wagtail-localize leaves <embed> tags untranslated)."""
    image = ImageFactory()
    event = after_commit(
        EventPageFactory, body=[{"type": "rich_text", "value": _text_with_image(image, "往期培训现场")}]
    )
    english = after_commit(
        add_english,
        event,
        body_html=_text_with_image(image, "A past training session").replace("课程内容。", "Course."),
    )
    assert String.objects.filter(data="往期培训现场").exists()
    assert 'alt="A past training session"' in english.body.raw_data[0]["value"]
    assert f'id="{image.pk}"' in english.body.raw_data[0]["value"]
    with CaptureQueriesContext(connection) as queries:
        chinese_html = client.get(event.url).content.decode()
        english_html = client.get(english.url).content.decode()
    # The rich-text format's rendition was made when publishing, not by this visit.
    assert not [query["sql"] for query in queries if WRITES.match(query["sql"])]
    assert re.search(r'<img[^>]* alt="往期培训现场"', chinese_html)
    assert re.search(r'<img[^>]* alt="A past training session"', english_html)

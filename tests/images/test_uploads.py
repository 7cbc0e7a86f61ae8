"""Uploads are safe: only raster types Pillow decodes, no decompression bombs,
no SVG, and no EXIF (camera, GPS) in what the site stores and serves."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import jpeg_with_gps

Image = get_image_model()


def _png_bomb(width=20_000, height=20_000):
    """A valid PNG header claiming 400 million pixels, a few hundred bytes long:
    decoding it would take gigabytes of memory."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\0" * (width // 8 + 1), 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def _upload(client, editor, name, data):
    client.force_login(editor)
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, data), "collection": 1},
        HTTP_ACCEPT_LANGUAGE="zh-CN",
    )


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_with_a_chinese_message(client, editor, zh):
    """Without WAGTAILIMAGES_MAX_IMAGE_PIXELS (or with a huge one) the upload would be stored."""
    response = _upload(client, editor, "bomb.png", _png_bomb())
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("像素" in str(error) for error in errors), errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_an_svg_is_refused(client, editor, zh):
    """WAGTAILIMAGES_EXTENSIONS leaves svg out: adding it back makes this upload succeed."""
    response = _upload(client, editor, "drawing.svg", SVG)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_file_pillow_cannot_decode_is_refused(client, editor, zh):
    response = _upload(client, editor, "photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_gps_and_camera_data_are_stripped_from_the_original_and_renditions(client, editor, zh):
    """core.images.strip_metadata_before_storing: without it, Willow copies the
    original's EXIF (GPS included) into the stored file and every JPEG/WebP rendition."""
    response = _upload(client, editor, "site-visit.jpg", jpeg_with_gps(width=600, height=400))
    assert response.status_code == 302, response.context["form"].errors
    image = Image.objects.get()
    with image.open_file() as stored:
        original = PILImage.open(BytesIO(stored.read()))
        assert not original.getexif()
    # The camera's orientation tag (rotate 90°) is applied before it is dropped.
    assert (image.width, image.height) == (400, 600) == original.size
    for spec in ("width-375|format-jpeg", "width-375|format-webp"):
        with image.get_rendition(spec).file.open() as rendition:
            assert not PILImage.open(rendition).getexif()

"""A <picture>'s HTML (core_tags.responsive_picture) is memoised per image and
attributes until an image changes: an image's save purges the whole site."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from core.templatetags.core_tags import responsive_picture
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def jpeg(width, height):
    output = BytesIO()
    PILImage.new("RGB", (width, height), (40, 80, 200)).save(output, "JPEG")
    return ContentFile(output.getvalue(), name="replaced.jpg")


def test_a_replaced_image_file_shows_at_once_and_alt_text_is_never_shared():
    """Without the site tag among the memo's tags the second rendering would
    still give the first file's renditions (and its sizes); without the
    attributes in its key, the English alt text would come out in Chinese."""
    image = ImageFactory()
    before = responsive_picture(image, alt="柬埔寨")
    assert 'alt="柬埔寨"' in before and " 800w" in before  # the widest rendition: the file's own width
    assert 'alt="Cambodia"' in responsive_picture(image, alt="Cambodia")

    image.renditions.all().delete()  # as the admin does when a file is replaced
    image.file = jpeg(400, 300)
    image.width, image.height = 400, 300
    image.save()
    after = responsive_picture(image, alt="柬埔寨")
    assert " 400w" in after and " 800w" not in after

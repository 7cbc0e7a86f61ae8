"""The admin's image upload form (WAGTAILIMAGES_IMAGE_FORM_BASE); the importer checks files with the same field."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DecodedImageField(WagtailImageField):
    """Wagtail's checks, and a file Pillow fails to decode (truncated, corrupt)
    refused as "not a valid image" where Wagtail would let the error through (a 500)."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)  # reads the header first: a bomb is refused before decoding
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class ImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with DecodedImageField for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Same field, stricter check: Wagtail builds it through formfield_for_dbfield.
            self.fields["file"].__class__ = DecodedImageField

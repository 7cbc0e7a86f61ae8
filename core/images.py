"""Pictures on public pages: the one place that says which renditions exist,
how an image placement must be described, and what an uploaded file may be.

- Uploads: Wagtail's own checks do the type, size and pixel limits
  (WAGTAILIMAGES_EXTENSIONS, WAGTAILIMAGES_MAX_UPLOAD_SIZE,
  WAGTAILIMAGES_MAX_IMAGE_PIXELS in config/settings/base.py), with
  core.image_forms refusing what Pillow cannot decode; `strip_metadata`
  removes EXIF (camera, GPS) from the original before it is stored, because
  Willow copies an original's EXIF into every JPEG, PNG and WebP rendition.
- Alt text: every placement (a page's lead image, a directory logo, an image
  block) has its own text alternative or an explicit "decorative" choice
  (`alt_text_error`).
- Delivery: `RENDITION_SPECS` are the renditions a picture offers (AVIF and
  WebP with a JPEG fallback, 375 to 1280 px wide); `generate_renditions`
  makes them when content is published (core.tasks), `prefetch_renditions` loads them for a
  listing in one query.
"""

from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, features
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_formats
from wagtail.images.models import Filter
from wagtail.models import ReferenceIndex
from wagtail.utils.file import hash_filelike

# Layout widths from a phone (375) to the widest column (1280); twice 375 for dense screens.
PICTURE_WIDTHS = (375, 750, 1280)
# Modern formats first: a browser takes the first <source> it can show.
PICTURE_FORMATS = ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")
PICTURE_SPEC = f"width-{{{','.join(map(str, PICTURE_WIDTHS))}}}|format-{{{','.join(PICTURE_FORMATS)}}}"
RENDITION_SPECS = tuple(Filter.expand_spec(PICTURE_SPEC))
# A picture that fills the content column below 1280 px, and is 1280 px wide above.
PICTURE_SIZES = "(max-width: 1280px) 100vw, 1280px"

ALT_TEXT_REQUIRED = _("Describe the image for readers who cannot see it (alternative text), or mark it as decorative.")
ALT_TEXT_HELP = _("What the image shows, for readers who cannot see it. Translated with the page.")
DECORATIVE_HELP = _("Tick only if the image adds nothing to the text: screen readers then skip it.")


def alt_text_error(image, alt_text, decorative):
    """The message when a placement of `image` has neither alt text nor the decorative choice, else None."""
    if image and not (alt_text or "").strip() and not decorative:
        return ALT_TEXT_REQUIRED
    return None


def strip_metadata(data, file_name):
    """`data` (bytes of an image) without EXIF, turned upright first, as a file
    and its (width, height); None when it has no EXIF.

    JPEGs keep their quantisation tables (quality "keep"), so stripping costs no quality."""
    with PILImage.open(BytesIO(data)) as original:
        if not original.getexif() and "exif" not in original.info:
            return None
        image_format = original.format
        upright = ImageOps.exif_transpose(original)
        upright.info.pop("exif", None)
        options = {"icc_profile": original.info.get("icc_profile")}
        if image_format == "JPEG":
            options["quality"] = "keep" if upright is original else 95
        elif image_format in ("WEBP", "AVIF"):
            options["quality"] = 90
        output = BytesIO()
        upright.save(output, image_format, exif=b"", **{k: v for k, v in options.items() if v is not None})
        size = upright.size
    return ContentFile(output.getvalue(), name=file_name), size


def strip_metadata_before_storing(sender, instance, **kwargs):
    """pre_save of the image model: a new file is stored without its EXIF (size and hash follow)."""
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return
    upload.seek(0)
    stripped = strip_metadata(upload.read(), upload.name)
    upload.seek(0)
    if stripped is None:
        return
    instance.file, (instance.width, instance.height) = stripped
    instance.file_size = instance.file.size
    instance.file_hash = hash_filelike(instance.file)
    instance.file.seek(0)


def images_in(item):
    """The images `item` shows: its image fields, its stream blocks and its rich
    text (Wagtail's reference index finds them; the index itself is updated in
    the background, so it is read from the object, not from the index table)."""
    image_model = get_image_model()
    image_type = ContentType.objects.get_for_model(image_model)
    ids = {
        int(object_id)
        for content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(item)
        if content_type_id == image_type.pk
    }
    return image_model.objects.filter(pk__in=ids)


def rich_text_specs():
    """The renditions an image in rich text may show (one per format an editor can pick)."""
    return tuple(sorted({image_format.filter_spec for image_format in get_image_formats()}))


def generate_renditions(images):
    """Make every rendition a picture offers for each image, and those of the
    formats it may take in rich text (existing ones are reused)."""
    for image in images:
        image.get_renditions(*RENDITION_SPECS, *rich_text_specs())


def prefetch_renditions(queryset, image_field):
    """`queryset` with `image_field`'s image and its picture renditions loaded in two queries."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=RENDITION_SPECS)
    return queryset.select_related(image_field).prefetch_related(
        Prefetch(f"{image_field}__renditions", queryset=renditions)
    )

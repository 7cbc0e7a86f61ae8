"""Images in a bundle (format 1.1): a page's lead image or a directory
entry's logo, as a file in a folder beside the JSON.

    "lead_image": {"file": "images/vientiane.jpg", "focal_point": {"x": 400, "y": 220, "width": 200, "height": 120},
                   "decorative": false}
    "translations": {"zh-hans": {"lead_image_alt": "…", "lead_image_caption": "…", "lead_image_credit": "…"}, …}

The file is checked like an upload (core.image_forms.DecodedImageField: type,
size, pixels); an image with the same content (SHA-1) is reused, so a
re-import makes no copy; the export writes each image back into `images/`.
"""

from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

IMAGES_DIR = "images"
# bundle list → the model's image field (its texts are <field>_alt, _caption, _credit)
IMAGE_FIELDS = {"guides": "lead_image", "advisories": "lead_image", "events": "lead_image", "directory": "logo"}
SOURCE = "_source"  # set on a validated image object: the file's absolute path


def content_hash(path):
    """The file's SHA-1, as Wagtail keeps it in Image.file_hash."""
    with Path(path).open("rb") as f:
        return hash_filelike(f)


def check_image_file(v, value, path):
    """A relative path inside the bundle's folder to an image an editor could upload."""
    from core.image_forms import DecodedImageField

    if not isinstance(value, str) or not value:
        return v.report(path, _("must be a path relative to the bundle file"))
    relative = PurePosixPath(value)
    if relative.is_absolute() or ".." in relative.parts or "\\" in value:
        return v.report(path, _("must be a path inside the bundle's folder, e.g. images/photo.jpg"))
    if v.base_dir is None:
        return v.report(path, _("images can only be read from a bundle file, not from standard input"))
    file_path = Path(v.base_dir) / relative
    if not file_path.is_file():
        return v.report(path, _("no such file: %(file)s") % {"file": value})
    data = file_path.read_bytes()
    try:
        DecodedImageField().clean(SimpleUploadedFile(file_path.name, data))
    except ValidationError as error:
        return v.report(path, " ".join(error.messages))
    return str(file_path.resolve())


def image_object(spec):
    """The check of an image object; a valid file's absolute path is kept on it (SOURCE) for the importer."""

    def check(v, value, path):
        if isinstance(value, dict):
            value.pop(SOURCE, None)  # set by the validator only, never taken from the file
        parsed = v.check_object(value, path, spec)
        if isinstance(parsed, dict) and isinstance(parsed.get("file"), str):
            value[SOURCE] = parsed["file"]
        return parsed

    return check


def described(field):
    """An item rule: each translation describes the image, unless it is decorative."""

    def check(v, parsed, path):
        image = parsed.get(field)
        if not isinstance(image, dict) or image.get("decorative"):
            return
        for code, texts in (parsed.get("translations") or {}).items():
            if isinstance(texts, dict) and not (texts.get(f"{field}_alt") or "").strip():
                v.report(
                    f"{path}.translations.{code}.{field}_alt",
                    _('is required: describe the image, or mark it "decorative": true'),
                )

    return check


# ---------------------------------------------------------------- import


def image_from_bundle(spec):
    """The site's image with the file's content, made when there is none; its focal point set."""
    if not spec:
        return None
    image_model = get_image_model()
    source = Path(spec[SOURCE])
    image = image_model.objects.filter(file_hash=content_hash(source)).order_by("pk").first()
    if image is None:
        with source.open("rb") as f:
            image = image_model(
                title=source.stem, collection=Collection.get_first_root_node(), file=File(f, name=source.name)
            )
            image._set_image_file_metadata()
            image.save()
    focal = spec.get("focal_point")
    wanted = (focal["x"], focal["y"], focal["width"], focal["height"]) if focal else (None,) * 4
    if wanted != (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height):
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = wanted
        image.save(update_fields=["focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"])
    return image


def comparable_image(spec):
    """What makes two image objects the same: content, focal point, decorative."""
    if not spec:
        return None
    file_hash = spec.get("sha1") or content_hash(spec[SOURCE])
    return (file_hash, spec.get("focal_point") or None, bool(spec.get("decorative")))


# ---------------------------------------------------------------- export


def bundle_file_name(image):
    """Where the export puts `image`: its content hash keeps two images with one name apart."""
    name = PurePosixPath(image.file.name).name
    return f"{IMAGES_DIR}/{image.get_file_hash()[:12]}-{name}"


def image_to_bundle(image, decorative):
    if image is None:
        return None
    spec = {"file": bundle_file_name(image)}
    if image.has_focal_point():
        spec["focal_point"] = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    spec["decorative"] = bool(decorative)
    spec["sha1"] = image.get_file_hash()  # for comparing; dropped from the written bundle
    return spec


def write_images(bundle, folder):
    """Copy each image the exported `bundle` names into `folder`/images/; drop the comparison hashes."""
    image_model = get_image_model()
    for list_name, field in IMAGE_FIELDS.items():
        for item in bundle.get(list_name) or []:
            spec = item.get(field)
            if not spec:
                continue
            file_hash = spec.pop("sha1")
            if folder is None:
                continue
            target = Path(folder) / spec["file"]
            if not target.exists():
                image = image_model.objects.filter(file_hash=file_hash).first()
                target.parent.mkdir(parents=True, exist_ok=True)
                with image.open_file() as f:
                    target.write_bytes(f.read())

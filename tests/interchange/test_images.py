"""Images in bundles (format 1.1): a lead image or a logo as a file beside the
JSON, alt text per language, caption, credit and focal point."""

import io
import json
from io import BytesIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.images import get_image_model

from guides.models import CountryGuidePage
from tests.factories import english_of

from .bundles import bundle, entry, guide, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Image = get_image_model()
DirectoryEntry = apps.get_model("directory", "DirectoryEntry")


def _jpeg(path, size=(320, 180), color=(30, 120, 90)):
    path.parent.mkdir(parents=True, exist_ok=True)
    output = BytesIO()
    PILImage.new("RGB", size, color).save(output, "JPEG")
    path.write_bytes(output.getvalue())
    return path


def _guide_with_image(**image):
    item = guide(
        lead_image={
            "file": "images/vientiane.jpg",
            "focal_point": {"x": 100, "y": 60, "width": 40, "height": 30},
            **image,
        }
    )
    item["translations"]["zh-hans"].update(lead_image_alt="万象的湄公河畔", lead_image_credit="图片：服务中心")
    item["translations"]["en"].update(lead_image_alt="The Mekong at Vientiane", lead_image_credit="Photo: the centre")
    return item


def _logo_entry():
    item = entry(logo={"file": "images/logo.png"})
    for code, alt in (("zh-hans", "律所标志"), ("en", "The firm's logo")):
        item["translations"][code]["logo_alt"] = alt
    return item


def _import(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", str(path), "--language", "en", stdout=out, stderr=err)
    return out.getvalue()


def _images_bundle(tmp_path):
    _jpeg(tmp_path / "images" / "vientiane.jpg")
    logo = tmp_path / "images" / "logo.png"
    PILImage.new("RGBA", (120, 120), (200, 30, 30, 255)).save(logo, "PNG")
    data = bundle(guides=[_guide_with_image()], directory=[_logo_entry()], advisories=[], events=[])
    data["format"] = "outbound-content/1.1"
    return write(tmp_path, data)


def test_images_import_with_their_texts_and_focal_point_and_reimport_without_copies(tmp_path, zh, en):
    path = _images_bundle(tmp_path)
    assert "guides: 1 created" in _import(path)
    guide_page = CountryGuidePage.objects.get(locale=zh)
    assert (guide_page.lead_image_alt, guide_page.lead_image_credit) == ("万象的湄公河畔", "图片：服务中心")
    english = english_of(guide_page)
    assert (english.lead_image_alt, english.lead_image_id) == ("The Mekong at Vientiane", guide_page.lead_image_id)
    image = guide_page.lead_image
    assert (image.focal_point_x, image.focal_point_y, image.width) == (100, 60, 320)
    assert DirectoryEntry.objects.get(locale=zh).logo.width == 120

    out = _import(path)
    assert "guides: 0 created, 0 updated, 1 unchanged" in out
    assert "directory: 0 created, 0 updated, 1 unchanged" in out
    assert Image.objects.count() == 2  # matched by content hash, not copied


def test_the_same_file_under_another_name_is_the_same_image(tmp_path, zh, en):
    _jpeg(tmp_path / "images" / "vientiane.jpg")
    (tmp_path / "images" / "copy.jpg").write_bytes((tmp_path / "images" / "vientiane.jpg").read_bytes())
    other = _guide_with_image(file="images/copy.jpg")
    other.update(key="laos-copy", country="TH")
    _import(write(tmp_path, bundle(guides=[_guide_with_image(), other], directory=[], advisories=[], events=[])))
    assert Image.objects.count() == 1


def test_export_writes_the_images_back_and_the_export_reimports_unchanged(tmp_path, zh, en):
    _import(_images_bundle(tmp_path / "in"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    call_command("export_content", str(out_dir / "bundle.json"), stdout=io.StringIO(), stderr=io.StringIO())
    exported = json.loads((out_dir / "bundle.json").read_text())
    assert exported["format"] == "outbound-content/1.1"
    [item] = exported["guides"]
    assert item["lead_image"]["focal_point"] == {"x": 100, "y": 60, "width": 40, "height": 30}
    assert item["translations"]["en"]["lead_image_alt"] == "The Mekong at Vientiane"
    written = out_dir / item["lead_image"]["file"]
    assert written.read_bytes() == (tmp_path / "in" / "images" / "vientiane.jpg").read_bytes()
    assert (out_dir / exported["directory"][0]["logo"]["file"]).is_file()

    out = _import(out_dir / "bundle.json")
    assert "guides: 0 created, 0 updated, 1 unchanged" in out
    assert Image.objects.count() == 2


def _problems(tmp_path, data):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_content", str(write(tmp_path, data)), "--language", "en", stdout=out, stderr=err)
    return err.getvalue()


def test_validation_reports_missing_files_bombs_svg_and_missing_alt_text_with_json_paths(tmp_path, zh, en):
    images = tmp_path / "images"
    images.mkdir()
    bomb = PILImage.new("1", (8000, 6000))  # 48 million pixels, a few kilobytes as PNG
    bomb.save(images / "bomb.png", "PNG")
    (images / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    missing, too_large, svg, undescribed = (
        _guide_with_image(file="images/nowhere.jpg"),
        _guide_with_image(file="images/bomb.png"),
        _guide_with_image(file="images/drawing.svg"),
        _guide_with_image(file="../outside.jpg"),
    )
    for number, item in enumerate((too_large, svg, undescribed), start=1):
        item.update(key=f"laos-{number}", country=["TH", "VN", "KH"][number - 1])
    undescribed["lead_image"]["file"] = "images/bomb.png"
    undescribed["translations"]["en"]["lead_image_alt"] = ""
    err = _problems(
        tmp_path, bundle(guides=[missing, too_large, svg, undescribed], directory=[], advisories=[], events=[])
    )
    assert "guides[0].lead_image.file: no such file: images/nowhere.jpg" in err
    assert "guides[1].lead_image.file: " in err and "pixels" in err
    assert "guides[2].lead_image.file: " in err
    assert "guides[3].translations.en.lead_image_alt: is required" in err
    assert not Image.objects.exists()
    assert not CountryGuidePage.objects.exists()


def test_a_path_outside_the_bundle_folder_is_refused(tmp_path, zh, en):
    err = _problems(
        tmp_path, bundle(guides=[_guide_with_image(file="../secret.jpg")], directory=[], advisories=[], events=[])
    )
    assert "guides[0].lead_image.file: must be a path inside the bundle's folder" in err

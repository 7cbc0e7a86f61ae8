"""Static files and uploaded images, served by nginx from STATIC_ROOT and MEDIA_ROOT."""

import io
import re
from pathlib import Path

from PIL import Image

from .client import TOPOLOGY_DIR, form_fields, unique_word, wait_for


def test_the_pages_stylesheet_is_served_by_nginx_under_its_hashed_name(visitor):
    """The stylesheet the page names (ManifestStaticFilesStorage's hashed
    name, made by collectstatic) is served with a year's caching.

    Without `location /static/` in the nginx site the request would reach
    gunicorn, which serves no static files (404)."""
    page = visitor.get("/zh-hans/")
    href = re.search(r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text)
    assert href, "the page names no hashed stylesheet"
    css = visitor.get(href.group(1))
    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert b"{" in css.body
    assert "immutable" in css.headers.get("Cache-Control", "")


def test_an_image_uploaded_in_the_admin_is_served_with_its_rendition(admin, visitor):
    """An image uploaded through the admin's form (through nginx, to one of
    the app servers) is served by nginx from MEDIA_ROOT: the original and the
    rendition Wagtail made for the admin's listing.

    Without `location /media/` in the nginx site both would be 404."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(buffer, "PNG")
    title = unique_word()
    form_page = admin.get("/admin/images/add/")
    fields = [(k, v) for k, v in form_fields(form_page.text, "/admin/images/add/") if k != "title"]
    fields.append(("title", title))
    upload = {"file": (f"{title}.png", buffer.getvalue(), "image/png")}
    uploaded = admin.post("/admin/images/add/", fields, files=upload)
    assert uploaded.status == 302, uploaded.text[:2000]

    def rendition_in_listing():  # the admin's image search: once the worker has indexed the image
        return re.search(r'src="(/media/images/[^"]+)"', admin.get(f"/admin/images/?q={title}").text)

    rendition = wait_for(rendition_in_listing, timeout=60, what="the image in the admin's search")
    image = visitor.get(rendition.group(1))
    assert image.status == 200
    assert image.headers["Content-Type"].startswith("image/")
    assert Image.open(io.BytesIO(image.body)).size[0] <= 400

    api = visitor.get(f"/api/v2/images/?search={title}&fields=title")
    download = re.search(r'"download_url":\s*"(/media/original_images/[^"]+)"', api.text)
    assert download, api.text[:1000]
    original = visitor.get(download.group(1))
    assert original.status == 200
    assert original.body == buffer.getvalue()


def test_uploaded_documents_are_not_served_from_the_media_folder(conf, visitor):
    """Documents go through Wagtail's view (privacy, safe headers); nginx
    refuses the folder they are stored in.

    Without `location /media/documents/` in the nginx site a private
    document would be served to anyone who knows its file name."""
    folder = Path(TOPOLOGY_DIR) / "media" / "documents"
    folder.mkdir(exist_ok=True)
    (folder / "private-probe.txt").write_text("not for the public")
    assert visitor.get("/media/documents/private-probe.txt").status == 404
    (folder / "private-probe.txt").unlink()

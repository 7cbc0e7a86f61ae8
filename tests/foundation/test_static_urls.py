"""Production's static storage (core.static.ManifestStaticFilesStorage):
Django's hashed addresses, each worked out once per process."""

import json

import pytest
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage as DjangosStorage

from core.static import ManifestStaticFilesStorage


@pytest.fixture
def manifest_root(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}, "hash": "x"})
    )
    return tmp_path


def test_the_addresses_are_djangos_and_worked_out_once(manifest_root, settings, monkeypatch):
    """The same URL as Django's storage for the same manifest; a second
    `url()` does not look the manifest up again (control: Django's does),
    and an unknown file is refused as Django refuses it."""
    settings.DEBUG = False
    ours = ManifestStaticFilesStorage(location=manifest_root, base_url="/static/")
    theirs = DjangosStorage(location=manifest_root, base_url="/static/")
    assert ours.url("css/site.css") == theirs.url("css/site.css") == "/static/css/site.0123abcd.css"
    looked_up = []
    original = DjangosStorage.stored_name
    monkeypatch.setattr(
        DjangosStorage, "stored_name", lambda self, name: looked_up.append(name) or original(self, name)
    )
    assert ours.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert looked_up == []
    theirs.url("css/site.css")
    assert looked_up == ["css/site.css"]
    with pytest.raises(ValueError):
        ours.url("css/missing.css")

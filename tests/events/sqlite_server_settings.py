"""The production settings as tests/events/test_sqlite_concurrency.py serves
them with gunicorn on loopback: static files by their plain names (the test
posts forms; ManifestStaticFilesStorage would need `collectstatic` first).
SQLITE_TRANSACTION_MODE puts back SQLite's default (DEFERRED) for the
control case that shows what the IMMEDIATE mode prevents."""

import os

from config.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
if mode := os.environ.get("SQLITE_TRANSACTION_MODE"):
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = mode  # noqa: F405

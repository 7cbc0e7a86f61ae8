"""The test suite: SQLite in memory by default, PostgreSQL when DATABASE_URL
is set (CI runs both). Fast password hashing, in-memory e-mail, immediate tasks."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
if not env.str("DATABASE_URL", default=""):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache outlives each test's rolled-back transaction, so it is off
# by default; tests/edge and tests/browser switch it on (and clear it).
PAGE_CACHE_SECONDS = 0

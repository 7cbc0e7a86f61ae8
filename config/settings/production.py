"""Production: every deploy-time value must come from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, SITE_BASE_URL. Optional:
EMAIL_URL, REDIS_URL or CACHE_URL, SEARCH_URL with SEARCH_ENGINE.
"""

from .base import *  # noqa: F403
from .base import env, sqlite_for_concurrent_writers

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
SITE_BASE_URL = env.str("SITE_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {"default": sqlite_for_concurrent_writers(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)

if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Only a cache server (Redis, Memcached) is shared by the app servers; with
# local memory, files or nothing, sessions stay in the database only and
# permissions are read on every request (base.py).
CACHE_SHARED_BY_ALL_PROCESSES = any(server in CACHES["default"]["BACKEND"].lower() for server in ("redis", "memcache"))
if not CACHE_SHARED_BY_ALL_PROCESSES:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# HTTPS everywhere; the proxy in front terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES["staticfiles"]["BACKEND"] = "core.static.ManifestStaticFilesStorage"  # noqa: F405

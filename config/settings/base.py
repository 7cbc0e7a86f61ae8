"""Settings shared by every environment.

Deploy-time values come from the environment (see README, "Configuration").
dev.py gives them safe defaults; production.py requires them.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"  # site-wide templates and static assets
VAR_DIR = BASE_DIR / "var"  # SQLite database, media, logs: never committed

env = environ.Env()

INSTALLED_APPS = [
    # Project apps: each named for what it holds
    "core",
    "home",
    "guides",
    "advisories",
    "policies",  # the policy library (政策法规库)
    "filing",  # the filing navigator and its rules
    "events",
    "directory",
    "search",
    "edge",  # security headers, admin login throttling, anonymous page cache
    "interchange",  # content bundle import/export, read-only API
    # Translation of pages and snippets
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers on every response, then the page cache, which answers anonymous
    # hits before sessions, CSRF and authentication are looked at (edge/).
    "edge.security.ContentSecurityPolicyMiddleware",
    "edge.security.PermissionsPolicyMiddleware",
    "edge.cache.AnonymousPageCacheMiddleware",
    # On a miss: the request's site from a per-publish memo (edge/chrome.py).
    "edge.chrome.KnownSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin's page headers: the view restrictions from the memo (core/admin_memos.py).
    "core.admin_memos.ViewRestrictionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def sqlite_for_concurrent_writers(database):
    """SQLite settings for several server processes writing at once (a no-op
    for other engines; production.py applies it to its own DATABASES too).

    Every transaction begins IMMEDIATE, taking SQLite's write lock at BEGIN.
    Under the default (DEFERRED) a transaction starts as a reader and asks
    for the lock at its first write; when two processes do that at once
    SQLite cannot make the second wait (it would deadlock, or write from a
    stale snapshot) and fails it at once with "database is locked". That is what
    `select_for_update` (a no-op on SQLite) leaves open in events/booking.py.
    Set in the settings rather than in the booking service because SQLite
    cannot upgrade a transaction once begun, and every writer (admin, tasks,
    booking) has the same need. Reads outside transactions never wait.
    `timeout`: seconds a transaction waits for the lock before failing (the
    registration view then answers 503). WAL lets readers go on while one
    process writes; synchronous=NORMAL is safe with WAL (a power cut may lose
    the last commits, never corrupt the file)."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            transaction_mode="IMMEDIATE",
            timeout=10,
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        )
    return database


DATABASES = {
    "default": sqlite_for_concurrent_writers(env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------- languages
# Simplified Chinese is the source language and the default. A third locale
# is one more line here plus its translations in locale/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

# ---------------------------------------------------------------- files
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# ---------------------------------------------------------------- Wagtail
WAGTAIL_SITE_NAME = _("Outbound Investment Service Centre")
# The site's public address: every absolute link (e-mails, feeds, calendars,
# sitemap, canonical links) is made from it by core.links.absolute_url, and
# `manage.py setup_site` writes it into the default Site record. Wagtail's
# admin e-mails use the same one.
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Wagtail's serve view (permission checks, safe headers).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Images (core/images.py): only raster types Pillow decodes (no SVG: it can
# carry scripts), at most 10 MB and 40 million pixels (a decompression bomb is
# refused by Wagtail's upload check, with its translated message).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"
# The public API (interchange/api.py) gives rich text as front-end HTML, with
# internal links resolved to public URLs, not Wagtail's database form.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Search (search/README.md): SEARCH_ENGINE=database (default: SQLite FTS5 or
# PostgreSQL, Chinese segmented by jieba), or opensearch / elasticsearch with
# SEARCH_URL (comma-separated node URLs; credentials in the URL).
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="database")
SEARCH_BACKEND_MODULES = {
    "database": "search.backends.database",
    "opensearch": "search.backends.opensearch",
    "elasticsearch": "search.backends.elasticsearch",
}
if SEARCH_ENGINE not in SEARCH_BACKEND_MODULES:
    raise ImproperlyConfigured(f"SEARCH_ENGINE must be one of {', '.join(SEARCH_BACKEND_MODULES)}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKEND_MODULES[SEARCH_ENGINE]}}
if SEARCH_ENGINE != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=env.list("SEARCH_URL"),
        INDEX_PREFIX=env.str("SEARCH_INDEX_PREFIX", default="outbound_"),
        TIMEOUT=env.int("SEARCH_TIMEOUT", default=5),  # seconds; a slow engine gives a 503 page, not a hung one
    )
# The search index outbox (search/outbox.py): an update the backend refused
# is retried after SEARCH_OUTBOX_RETRY_SECONDS, doubling per failure up to
# SEARCH_OUTBOX_MAX_RETRY_SECONDS (by the task worker, and by the scheduled
# `process_search_outbox`).
SEARCH_OUTBOX_RETRY_SECONDS = env.int("SEARCH_OUTBOX_RETRY_SECONDS", default=15)
SEARCH_OUTBOX_MAX_RETRY_SECONDS = env.int("SEARCH_OUTBOX_MAX_RETRY_SECONDS", default=300)
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# wagtail-localize: translations are made explicitly. No locale is set to
# synchronise its tree from another (Locales admin): that would publish
# untranslated source pages as aliases under the other locale.
# A translated page keeps its own live status until its translation is published.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# ---------------------------------------------------------------- tasks
# Background work (search indexing, e-mail to subscribers and registrants).
# The database backend needs a worker next to the web server:
# `python manage.py db_worker` (the dev settings run tasks at once instead).
TASKS = {
    "default": {
        "BACKEND": env.str("TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# ---------------------------------------------------------------- public forms
# Submissions accepted per client address and form (django-ratelimit rates,
# counted in the default cache; core/public_forms.py). A form sent back for
# correction does not count. Each keeps the environment variable it had
# before the forms shared one limit.
PUBLIC_FORM_RATES = {
    "event_registration": env.str("EVENTS_REGISTRATION_RATE", default="10/h"),
    "alert_subscription": env.str("ADVISORY_SUBSCRIBE_RATE", default="10/h"),
    "listing_application": env.str("DIRECTORY_APPLY_RATE", default="5/h"),
}
# Every POST, valid or not, per client address and form: against floods.
PUBLIC_FORM_FLOOD_RATE = env.str("PUBLIC_FORM_FLOOD_RATE", default="60/h")

# ---------------------------------------------------------------- events
# The events listing shows the seats left; registrations never purge the page
# cache, so the listing is cached (and may be behind) this long at most.
EVENTS_LISTING_CACHE_SECONDS = env.int("EVENTS_LISTING_CACHE_SECONDS", default=60)
# Days after an event before its registrants' personal data is anonymised
# (purge_registrations).
EVENTS_REGISTRATION_RETENTION_DAYS = env.int("EVENTS_REGISTRATION_RETENTION_DAYS", default=180)
# Minutes an applicant has to confirm the e-mail address through the signed
# link; until then the seats are held (they count against the capacity), then
# released (expire_registration_holds, and every booking of the event).
EVENTS_REGISTRATION_HOLD_MINUTES = env.int("EVENTS_REGISTRATION_HOLD_MINUTES", default=30)
# Registrations of one event waiting for their address to be confirmed, at
# most, at once: a stranger cannot hold every seat with invented applicants.
EVENTS_MAX_UNVERIFIED_HOLDS = env.int("EVENTS_MAX_UNVERIFIED_HOLDS", default=10)
# Registrations of one event for one e-mail address, at most (any status):
# caps the messages a stranger can have sent to somebody else's address.
EVENTS_REGISTRATIONS_PER_EMAIL = env.int("EVENTS_REGISTRATIONS_PER_EMAIL", default=3)

# ---------------------------------------------------------------- directory
# Days after submission before a listing application's contact details are
# deleted (purge_applications); the proposed entry itself stays.
DIRECTORY_APPLICATION_RETENTION_DAYS = env.int("DIRECTORY_APPLICATION_RETENTION_DAYS", default=180)

# ---------------------------------------------------------------- e-mail
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every message is recorded (core.models.EmailDelivery) and a failed send is
# retried after EMAIL_RETRY_BASE_DELAY seconds, doubling each time, up to
# EMAIL_MAX_ATTEMPTS attempts in all (core/mail.py). Finished records are
# deleted EMAIL_DELIVERY_RETENTION_DAYS after they were made (purge_email_deliveries).
EMAIL_RETRY_BASE_DELAY = env.int("EMAIL_RETRY_BASE_DELAY", default=300)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=5)
EMAIL_DELIVERY_RETENTION_DAYS = env.int("EMAIL_DELIVERY_RETENTION_DAYS", default=30)

# ---------------------------------------------------------------- logging
# Personal data never goes to logs: handlers log event ids and counts only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": env.str("DJANGO_LOG_LEVEL", default="WARNING"),
            "propagate": False,
        },
        "outbound": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# ---------------------------------------------------------------- security (edge app, SECURITY.md)
# Public pages: no inline script or style, nothing from elsewhere. Video
# embeds need their player's origin in CSP_FRAME_SOURCES, images on a CDN
# in CSP_IMG_SOURCES.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.list("CSP_IMG_SOURCES", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *env.list("CSP_FRAME_SOURCES", default=[])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail 8's admin still has inline scripts and styles (page explorer and
# editor), so it gets a compatible policy of its own; still nothing from
# other origins, no plugins, no framing by other sites.
ADMIN_URL_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *env.list("CSP_IMG_SOURCES", default=[])],
        "worker-src": [SELF, "blob:"],
    }
}
# A refused form explained in the site's page (Django's has an inline style).
CSRF_FAILURE_VIEW = "edge.views.csrf_failure"
PERMISSIONS_POLICY_DISABLED = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No staff e-mail hashes sent to a third-party avatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Admin login attempts (edge/login.py; django-ratelimit, counted in the default
# cache; with several server processes use Redis, or each process counts on its
# own). Per address: every attempt. Per address and username: failed sign-ins
# only. Nothing per username alone, so no stranger can lock an account holder
# out (SECURITY.md).
ADMIN_LOGIN_RATE_PER_IP = env.str("ADMIN_LOGIN_RATE_PER_IP", default="20/10m")
ADMIN_LOGIN_RATE_PER_IP_AND_USER = env.str("ADMIN_LOGIN_RATE_PER_IP_AND_USER", default="5/5m")
# Whether every server process sees the same cache (Redis; a single process
# in development and tests). Only then are sessions read from the cache
# (cached_db) and an editor's permissions kept there between requests
# (core/access.py): with a cache of its own, a process would not see another
# process's logout or permission change. production.py decides from its cache.
CACHE_SHARED_BY_ALL_PROCESSES = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Django's ModelBackend, with the permissions it reads kept per permission change (core/access.py).
AUTHENTICATION_BACKENDS = ["core.access.CachedPermissionsBackend"]
# Behind a proxy, the client address is in a header the proxy sets.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")

# ---------------------------------------------------------------- page cache (edge app)
# Anonymous GETs of public pages, per locale; purged on publish (edge/purge.py).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/documents/"]
# Paths after the language prefix never cached: search counts every query it answers (search/stats.py).
PAGE_CACHE_EXCLUDED_SECTIONS = ["search/"]
# Query parameters that select a presentation of the same page: the key holds
# the presentation ({parameter: function(request) -> variant}), edge/cache.py.
PAGE_CACHE_KEY_VARIANTS = {"easy": "core.reading_mode.reading_mode"}
# Saving or deleting one of these purges every cached page (edge/purge.py);
# content-area items and pages purge only the pages that show them. Nothing
# else purges: not image renditions or search-query counts (written while
# pages are shown), nor registrations, subscribers, applications or e-mails.
PAGE_CACHE_SITE_WIDE_MODELS = [
    "core.SiteSettings",
    "core.CentreDetails",
    "core.FooterLink",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailsearchpromotions.SearchPromotion",
    "taggit.Tag",
    # A guide links its country's emergency card, and the card's own pages show it.
    "guides.EmergencyCard",
    # The filing navigator's rules: its results (under every language) depend on them.
    "filing.Threshold",
    "filing.Procedure",
    "filing.SensitiveIndustry",
    "filing.SensitiveCountry",
]

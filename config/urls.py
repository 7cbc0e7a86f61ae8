"""URL map: the admin and machine endpoints stay outside the language prefix;
every public page lives under /zh-hans/ or /en/ (i18n_patterns). A request
for / is redirected by LocaleMiddleware using Accept-Language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import MultilingualSitemap
from edge import serving
from edge.login import RateLimitedLoginView
from interchange.api import api_router

urlpatterns = [
    # Wagtail's login with attempts limited; the same URL name, so every link to it still works.
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    # Wagtail's own report and redirect exports, formula-safe, at their usual addresses.
    path("admin/", include("edge.admin_exports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every language's pages with hreflang alternates (Wagtail's default lists the root locale only).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    # Read-only public API (Wagtail API v2): guides, advisories, events, images, documents, directory.
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    # The filing navigator: a questionnaire and its result, GET pages (filing/README.md).
    path("filing/", include("filing.urls")),
    # Subscriptions and banner dismissal, beside the advisories section's pages.
    path("advisories/", include("advisories.urls")),
    # Wagtail's page tree last: it matches everything else. Wagtail's own URLs
    # (the password and login views under _util/), then its page view with
    # routing in one query (edge/serving.py) in place of its own.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
)

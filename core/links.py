"""Every absolute link the site gives out: e-mails (registration, alerts,
subscription, editor notifications), feeds, calendars, sitemaps and the
canonical and alternate links of each page.

One base, the SITE_BASE_URL setting, never the host a request came in on
(which a cached page or a queued e-mail would carry to everyone) nor a second
setting. Wagtail's own `full_url` (the API's html_url, the admin's "view
live") reads the default Site record instead; `manage.py setup_site` writes
the same base URL into it.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from wagtail.models import Page


def absolute_url(target, request=None):
    """The absolute URL of a page, or of a path ("/en/…", with a query or not).

    A full URL is given the site's base instead of its own scheme and host.
    A page that is not routable (outside any site) has none: None. `request`
    only lets Wagtail reuse its per-request list of sites; its host is never used.
    """
    if isinstance(target, Page):
        parts = target.get_url_parts(request)
        if parts is None:
            return None
        target = parts[2]
    parts = urlsplit(target)
    return site_root_url() + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def site_root_url():
    """The base URL without a trailing slash: https://invest.example.org."""
    return settings.SITE_BASE_URL.rstrip("/")


def site_hostname():
    """The site's host name, for identifiers that need one (calendar UIDs, Atom tag URIs)."""
    return urlsplit(settings.SITE_BASE_URL).hostname

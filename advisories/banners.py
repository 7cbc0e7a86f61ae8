"""Which site banners a visitor has dismissed: a cookie listing their keys.

The cookie is the only per-visitor input to the banner, so a page cache can
serve the same HTML to everyone; static/js/banners.js hides dismissed banners
in cached pages, and the server leaves them out when it renders the page.
"""

import re

COOKIE_NAME = "dismissed_banners"
COOKIE_MAX_AGE = 365 * 24 * 3600
MAX_REMEMBERED = 20  # oldest forgotten first; keeps the cookie small
SEPARATOR = "."
KEY_PATTERN = re.compile(r"^[a-z0-9-]{1,64}$")


def is_banner_key(key):
    return isinstance(key, str) and bool(KEY_PATTERN.match(key))


def dismissed_keys(request):
    raw = request.COOKIES.get(COOKIE_NAME, "")
    return [key for key in raw.split(SEPARATOR) if is_banner_key(key)][-MAX_REMEMBERED:]


def cookie_value_with(request, key):
    keys = [existing for existing in dismissed_keys(request) if existing != key] + [key]
    return SEPARATOR.join(keys[-MAX_REMEMBERED:])

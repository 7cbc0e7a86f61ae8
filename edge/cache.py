"""The anonymous page cache.

A public page (a path under a language prefix) requested with GET by a
visitor who has no cookie but the CSRF token is served from the cache when it
is there, and stored after rendering when it is safe to share:

- status 200, not streamed, no `Cache-Control: private/no-store/no-cache`;
- the response sets no cookie and varies on nothing but Cookie (which the
  request had none of that matters): a page that renders a form's CSRF token
  sets the CSRF cookie, so pages with forms are never stored, and submitting
  them keeps working;
- the key holds the site-wide generation (see purge.py), the scheme, host,
  full path with query string and the language of the path, so one locale's
  page is never served for another.

Visitors with any other cookie (a session: editors, anyone signed in; a
message to show; a dismissed banner) always get a fresh page, and pages
rendered for them are never stored.
Sections listed in PAGE_CACHE_EXCLUDED_SECTIONS (search, which counts every
query it answers) are never cached.
The middleware sits above the session, CSRF and authentication middleware so
that a hit costs one or two cache reads and nothing else; the security
headers are added above it, on every response, hit or miss.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

from edge.purge import current_generation, page_cache

CACHE_STATUS_HEADER = "X-Page-Cache"
UNSHAREABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# Headers that describe this response only, never replayed from the cache.
HOP_HEADERS = {"set-cookie", "date", "connection", "keep-alive", "transfer-encoding"}


def cache_key(request, language, generation):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    digest = hashlib.sha256(f"{request.scheme}://{host}{request.get_full_path()}".encode()).hexdigest()
    return f"page-cache:{generation}:{language}:{digest}"


def request_language(request):
    """The language named by the path, or None outside the language prefixes."""
    return get_language_from_path(request.path_info)


def is_cacheable_request(request):
    # Any cookie but the CSRF token may change the page (a session, a message
    # to show, a dismissed banner …): such a visitor gets a fresh page.
    personal_cookies = set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not personal_cookies
        and not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))
    )


def is_shareable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # Vary: Cookie is there whenever the user was looked up, signed in or not;
    # the request had no session cookie and the response sets none, so the
    # page is the one every anonymous visitor gets. Any other Vary: not shared.
    varies_on = {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", ""))} - {""}
    if varies_on - {"cookie"}:
        return False
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    return not ({part.split("=")[0].strip().lower() for part in directives} & UNSHAREABLE_CACHE_CONTROL)


def snapshot(response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in HOP_HEADERS]
    return {"status": response.status_code, "headers": headers, "content": response.content}


def replay(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if is_cacheable_request(request) and (language := request_language(request)):
            within_language = request.path_info.removeprefix(f"/{language}/")
            if not within_language.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_SECTIONS)):
                key = cache_key(request, language, current_generation())
        if key is None:
            return self.get_response(request)

        cache = page_cache()
        stored = cache.get(key)
        if stored is not None:
            response = replay(stored)
            response[CACHE_STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if is_shareable_response(response):
            cache.set(key, snapshot(response), settings.PAGE_CACHE_SECONDS)
            response[CACHE_STATUS_HEADER] = "miss"
        return response

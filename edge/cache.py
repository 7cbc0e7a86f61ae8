"""The anonymous page cache.

A public page (a path under a language prefix) requested with GET by a
visitor who has no cookie but the CSRF token is served from the cache when it
is there, and stored after rendering when it is safe to share:

- status 200, not streamed, no `Cache-Control: private/no-store/no-cache`;
- the response sets no cookie and varies on nothing but Cookie (which the
  request had none of that matters): a page that renders a form's CSRF token
  sets the CSRF cookie, so pages with forms are never stored, and submitting
  them keeps working;
- the key holds the scheme, host, path with query string and the
  language of the path, so one locale's page is never served for another;
  a parameter listed in PAGE_CACHE_KEY_VARIANTS is keyed by the variant it
  selects (the reading mode, core/reading_mode.py: `?easy=1`), so each
  presentation has its own entries without a cookie that would bypass the cache;
- the entry holds the tags the page depends on with their versions, read
  before it was rendered (see purge.py): the language's and the site's, and
  for a Wagtail page those of the page (set by the `before_serve_page` hook,
  edge/wagtail_hooks.py). A hit reads their current versions and is a miss
  when any has moved on. The process remembers which tags each entry it
  stored or served recorded, so a hit reads the entry and those versions in
  one cache read (a tag it did not know of costs a second);
- a response with `Cache-Control: max-age=N` is kept at most N seconds (the
  events listing, which shows the seats left, keeps a short time).

Visitors with any other cookie (a session: editors, anyone signed in; a
message to show; a dismissed banner) always get a fresh page, and pages
rendered for them are never stored.
Sections listed in PAGE_CACHE_EXCLUDED_SECTIONS (search, which counts every
query it answers) are never cached.
The middleware sits above the session, CSRF and authentication middleware so
that a hit costs one cache read and nothing else; the security
headers are added above it, on every response, hit or miss.
"""

import contextlib
import functools
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.module_loading import import_string
from django.utils.translation import get_language_from_path

from core.areas import content_area
from edge.purge import (
    area_tag,
    base_tags,
    current_versions,
    get_with_versions,
    page_cache,
    tags_of_served_page,
    versions_for_storing,
)

CACHE_STATUS_HEADER = "X-Page-Cache"
UNSHAREABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# Headers that describe this response only, never replayed from the cache.
HOP_HEADERS = {"set-cookie", "date", "connection", "keep-alive", "transfer-encoding"}
# {entry key: the tags it recorded} as this process last stored or served it,
# at most this many (the oldest forgotten first): which versions to read with the entry.
KNOWN_TAGS_LIMIT = 20_000
_known_tags = {}


@functools.cache
def key_variants():
    """{query parameter: function(request) -> variant} from PAGE_CACHE_KEY_VARIANTS."""
    return {parameter: import_string(path) for parameter, path in settings.PAGE_CACHE_KEY_VARIANTS.items()}


def keyed_path(request):
    """The path and query string the key holds: a variant's parameter is replaced
    by the variant it names (`?easy=1` and `?easy=1&x` differ by `x` only; an
    unknown value is the default variant), so the pages of one variant share
    entries and never those of another."""
    variants = key_variants()
    named = sorted((parameter, variant(request)) for parameter, variant in variants.items())
    if not request.META.get("QUERY_STRING"):  # most requests: nothing to copy and sort
        return f"{request.path}?#{urlencode(named)}"
    query = request.GET.copy()
    for parameter in variants:
        query.pop(parameter, None)
    return f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}#{urlencode(named)}"


def cache_key(request, language):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    digest = hashlib.sha256(f"{request.scheme}://{host}{keyed_path(request)}".encode()).hexdigest()
    return f"page-cache:page:{language}:{digest}"


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
    return not (set(cache_control(response)) & UNSHAREABLE_CACHE_CONTROL)


def cache_control(response):
    """{directive: value or None} of the response's Cache-Control header."""
    directives = {}
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = part.partition("=")
        if name.strip():
            directives[name.strip().lower()] = value.strip() or None
    return directives


def lifetime(response):
    """Seconds to keep the response: PAGE_CACHE_SECONDS, or less when its max-age says so."""
    max_age = cache_control(response).get("max-age")
    if max_age is not None and max_age.isdigit():
        return min(int(max_age), settings.PAGE_CACHE_SECONDS)
    return settings.PAGE_CACHE_SECONDS


def add_served_page_tags(page, request):
    """Called before a Wagtail page is served: the page's tags join those the
    entry will record, with their versions read before the page is rendered."""
    language = getattr(request, "page_cache_language", None)
    if language is not None:
        request.page_cache_versions.update(versions_for_storing(tags_of_served_page(page, language)))


def add_area_tags(request, area_keys):
    """Called by a view that is not a Wagtail page but shows items of content
    areas (the filing navigator's result): a publish in any of them, in the
    page's language or the source language (whose rules and statuses a
    translation follows), makes its cached answer a miss."""
    language = getattr(request, "page_cache_language", None)
    if language is not None:
        languages = {language, settings.LANGUAGE_CODE}
        tags = {area_tag(content_area(key), code) for key in area_keys for code in languages}
        request.page_cache_versions.update(versions_for_storing(tags))


def remember_tags(key, tags):
    _known_tags.pop(key, None)
    _known_tags[key] = tuple(tags)
    if len(_known_tags) > KNOWN_TAGS_LIMIT:
        # Another thread (a threaded server) may be changing it: forgetting one fewer is fine.
        with contextlib.suppress(RuntimeError, StopIteration):
            _known_tags.pop(next(iter(_known_tags)), None)


def fresh_entry(key):
    """The entry under `key` if none of its tags has moved on since it was
    stored, else None. Read with the current versions of the tags the entry
    recorded when this process last saw it (one read); the versions of any
    other tag it recorded are read after (a second). Every recorded tag is
    compared, whatever the process remembered."""
    known = _known_tags.get(key, ())
    stored, versions = get_with_versions(key, known)
    if stored is None:
        return None
    recorded = stored["tags"]
    if unknown := [tag for tag in recorded if tag not in versions and tag not in known]:
        versions.update(current_versions(unknown))
    remember_tags(key, recorded)
    return stored if all(versions.get(tag) == version for tag, version in recorded.items()) else None


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
                key = cache_key(request, language)
        if key is None:
            return self.get_response(request)

        if (stored := fresh_entry(key)) is not None:
            response = replay(stored["response"])
            response[CACHE_STATUS_HEADER] = "hit"
            return response

        request.page_cache_language = language
        request.page_cache_versions = versions_for_storing(base_tags(language))
        response = self.get_response(request)
        if is_shareable_response(response) and (seconds := lifetime(response)) > 0:
            page_cache().set(key, {"tags": request.page_cache_versions, "response": snapshot(response)}, seconds)
            remember_tags(key, request.page_cache_versions)
            response[CACHE_STATUS_HEADER] = "miss"
        return response

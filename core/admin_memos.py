"""What the admin's templates look up on every request, given from the
per-publish memos (edge/chrome.py) instead."""

from django.utils.functional import SimpleLazyObject

from edge.chrome import restricted_paths


class ViewRestrictionsMiddleware:
    """Wagtail's `test_page_is_public` tag (a page header's privacy
    indicator) reads the paths under a view restriction from the database
    once per request, unless the request has them already
    (`all_page_view_restriction_paths`): here they are, from the memo
    (rebuilt when a restriction changes), read only if the tag asks.
    tests/performance/test_admin_pages.py compares the tag's answers with
    and without it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.all_page_view_restriction_paths = SimpleLazyObject(restricted_paths)
        return self.get_response(request)

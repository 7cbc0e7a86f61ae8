"""Wagtail's page view, with the page found in one query.

Wagtail routes /en/about/privacy/ by fetching the home page's translation,
then each child by slug and its specific object in turn: two queries a level.
Every page's `url_path` is its ancestors' slugs, so the home page and every
page on the way are one query on `url_path`, and only the page served is
fetched as its specific type (with its lead image, if it has one). The walk decides as Wagtail's does: a page
whose type routes for itself (a RoutablePageMixin page with a sub-route that
matches what is left of the path, or any other `route` override) is asked to
route the rest. The result is left where Wagtail's `serve` looks for it
(`request._wagtail_route_for_request`), so its hooks (view restrictions, the
page cache's tags) and its `serve` run unchanged.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images import get_image_model
from wagtail.models import Page

from edge.chrome import locale_by_id, site_chrome, site_for_request


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request") and site_for_request(request) is not None:
        chrome = site_chrome(request)
        if chrome.home_id:  # else (no live home in this language) Wagtail routes from the site's root
            try:
                request._wagtail_route_for_request = route(request, chrome.home_id, chrome.home_url_path, path)
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def route(request, root_id, root_url_path, path):
    components = [component for component in path.split("/") if component]
    url_paths = [
        root_url_path + "".join(f"{component}/" for component in components[:depth])
        for depth in range(len(components) + 1)
    ]
    # The home page by its id, the pages below it by slug: both indexed (url_path is not).
    chain = Page.objects.filter(Q(pk=root_id) | Q(slug__in=components, url_path__in=url_paths[1:]))
    found = {page.url_path: page for page in chain}
    parent = None
    for depth, url_path in enumerate(url_paths):
        page = found.get(url_path)
        if page is None:
            raise Http404
        if parent is not None:
            page._cached_parent_obj = parent
        remaining = components[depth:]
        if not remaining or routes_itself(page, remaining):
            specific = specific_with_images(page)
            if parent is not None:  # treebeard's get_parent() would answer None for the home page
                specific._cached_parent_obj = parent
            specific.locale = locale_by_id(page.locale_id)  # every page's view asks for it
            return specific.route(request, remaining)
        parent = page
    raise Http404  # not reached: the last page has nothing remaining


def specific_with_images(page):
    """The page as its own type, with the images it points at (a lead image)
    fetched in the same query: its view shows them."""
    page_type = page.specific_class
    image_model = get_image_model()
    images = [
        field.name
        for field in (page_type._meta.concrete_fields if page_type else ())
        if field.is_relation and field.related_model is image_model
    ]
    if not images:
        return page.specific
    return page_type._default_manager.select_related(*images).get(pk=page.pk)


def routes_itself(page, remaining):
    """Would `page.route(request, remaining)` do anything but look for the child named remaining[0]?"""
    page_type = page.specific_class
    if page_type is None:  # its model is gone: let Wagtail decide
        return True
    if page_type.route is Page.route:
        return False
    if page_type.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            page_type.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return False
    return True

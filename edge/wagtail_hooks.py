"""The page cache learns which page it is storing (edge/cache.py, edge/purge.py)."""

from wagtail import hooks

from edge.cache import add_served_page_tags


@hooks.register("before_serve_page")
def record_page_cache_tags(page, request, serve_args, serve_kwargs):
    add_served_page_tags(page, request)

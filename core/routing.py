"""Routes of a RoutablePageMixin page that name their view by dotted path.

    class EventPage(RoutablePageMixin, BasePage):
        register = page_path("register/", "events.views.register")

The view, `view(page, request, *args, **kwargs)`, is imported when a request
comes, not when the model is defined: a models module never imports its app's
views module, so views import models and never the reverse. `kwargs` are
passed to the view, as with Django's `path()`; the route's name (for
`reverse_subpage`) is the view's own unless `name` says otherwise.
"""

from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import path, re_path


def _route(declare, route, view, kwargs, name):
    name = name or view.rpartition(".")[2]
    fixed_kwargs = kwargs or {}

    def serve_route(page, request, *args, **route_kwargs):
        return import_string(view)(page, request, *args, **route_kwargs, **fixed_kwargs)

    serve_route.__name__ = serve_route.__qualname__ = name
    return declare(route, name=name)(serve_route)


def page_path(route, view, kwargs=None, name=None):
    """A route in Django's `path()` syntax."""
    return _route(path, route, view, kwargs, name)


def page_re_path(route, view, kwargs=None, name=None):
    """A route given as a regular expression."""
    return _route(re_path, route, view, kwargs, name)

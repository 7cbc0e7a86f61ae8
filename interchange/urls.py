"""The API's URLs alone (config/urls.py mounts the same router at /api/v2/).

Used as request.urlconf once an API request is routed, so that
LocaleMiddleware sees no language-prefixed patterns (see api.PublicEndpoint)."""

from django.urls import path

from .api import api_router

urlpatterns = [path("api/v2/", api_router.urls)]

"""The read-only public API (Wagtail API v2) at /api/v2/.

- pages/: live, public country guides, advisories, events and policy documents only, each with
  the public fields listed in PUBLIC_PAGE_FIELDS (the whitelist lives here,
  not on the models, so nothing becomes public by being added to a model);
  `?locale=en`, `?type=guides.CountryGuidePage`, `?child_of=`, field filters
  (`?risk_level=high`), `?search=`, `?order=`.
- images/, documents/: Wagtail's, without private collections.
- directory/: listed directory entries only (never pending or withdrawn),
  with `?locale=`, `?country=`, `?kind=`, `?search=`.

Registrations, subscribers and listing applications are separate models that
no endpoint serves. Bad parameters answer 400 with a message, never 500.
`?search=` shares the site search's guards (search.query, search.service):
the same length limit (longer is a 400) and, when the engine fails, a 503
with the same Retry-After.
"""

import operator
from functools import reduce

from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from django.db.models import Q
from django.utils.cache import add_never_cache_headers
from rest_framework.fields import Field
from rest_framework.response import Response
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page

from core.areas import content_area, content_areas
from search.query import MAX_QUERY_LENGTH, parse
from search.service import RETRY_AFTER_SECONDS, SearchUnavailable, guarded

# model label → the fields the API may show (besides id, title and Wagtail's meta fields)
PUBLIC_PAGE_FIELDS = {
    "guides.CountryGuidePage": [
        "summary",
        "country",
        "region",
        "initiatives",
        "sectors",
        "risk_level",
        "reviewed",
        "capital",
        "currency",
        "population_millions",
        "gdp_usd_billions",
        "time_zone",
        "sections",
    ],
    "advisories.AdvisoryPage": ["summary", "kind", "severity", "countries", "issued", "expires", "body"],
    "events.EventPage": [
        "summary",
        "kind",
        "starts",
        "ends",
        "time_zone",
        "online",
        "venue",
        "countries",
        "capacity",
        "registration_opens",
        "registration_closes",
        "body",
    ],
    "policies.PolicyPage": [
        "summary",
        "document_number",
        "issuing_body",
        "issued_on",
        "in_force_on",
        "status",
        "superseded_by",
        "topic",
        "level",
        "source_url",
        "body",
        "attachments",
    ],
}

PUBLIC_DIRECTORY_FIELDS = [
    "key",
    "name",
    "kind",
    "country",
    "city",
    "address",
    "description",
    "website",
    "email",
    "phone",
    "languages",
    "services",
    "verified_on",
]


def _label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def served_page_areas():
    """{page model: its content area} for the areas whose pages the API shows."""
    return {area.model: area for area in content_areas() if area.model_label in PUBLIC_PAGE_FIELDS}


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's field filters, with values the database cannot compare
    (?reviewed=yesterday) answered 400 rather than 500."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError, FieldError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise BadRequestError(f"field filter error: {'; '.join(messages)}") from error


class KnownLocaleFilter:
    """?locale=en; an unknown locale is a 400 naming the known ones (Wagtail's answers 404)."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is None:
            return queryset
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            known = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
            raise BadRequestError(f"locale '{code}' does not exist; use one of: {known}")
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = queryset.filter(locale=locale)
        if child_of is not None:
            queryset._filtered_by_child_of = child_of
        return queryset


class BoundedSearchFilter(SearchFilter):
    """Wagtail's ?search=, within the site search's input limit. Longer input is
    refused rather than cut (the site search page can say it cut; an API client
    would not notice): the database backends build one nested expression per
    word, and some 500 words overflow Python's stack (a 500). The limit counts
    characters, which also bounds the words (at most 100 Latin ones)."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET and parse(request.GET["search"]).truncated:
            raise BadRequestError(f"search cannot be longer than {MAX_QUERY_LENGTH} characters")
        return super().filter_queryset(request, queryset, view)


def public_filter_backends(backends):
    """Wagtail's filter backends with this module's safer versions in their place."""
    safer = {
        "FieldsFilter": SafeFieldsFilter,
        "LocaleFilter": KnownLocaleFilter,
        "SearchFilter": BoundedSearchFilter,
    }
    return [safer.get(backend.__name__, backend) for backend in backends]


class BoundedPagination(WagtailPagination):
    """Wagtail's offset/limit pagination, refusing an offset past any real
    listing (a huge one overflows the database's integers: a 500)."""

    max_offset = 1_000_000

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.max_offset:
            raise BadRequestError(f"offset cannot be higher than {self.max_offset}")
        return super().paginate_queryset(queryset, request, view)


class PublicEndpoint:
    """What every endpoint here shares.

    Bounded pagination (BoundedPagination), and a 404 from the API stays a
    404: Django's LocaleMiddleware answers any 404 outside the language
    prefixes with a redirect to /zh-hans/<path> whenever that path resolves,
    and under /zh-hans/ Wagtail's page tree resolves everything. It decides
    by request.urlconf: point that at a URL map without language prefixes
    once the request has been routed."""

    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        request._request.urlconf = "interchange.urls"
        super().initial(request, *args, **kwargs)
        # No stored text holds a NUL (PostgreSQL cannot store one), and a
        # parameter holding one would make PostgreSQL refuse the query (a 500).
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise BadRequestError("parameters cannot contain NUL characters")

    def listing_view(self, request):
        if "search" not in request.GET:
            return super().listing_view(request)
        # The search runs when the paginator counts and slices the results,
        # so the whole listing is guarded, not just the filter.
        return guarded(super().listing_view, request)

    def handle_exception(self, exc):
        if isinstance(exc, SearchUnavailable):
            response = Response({"message": "search is temporarily unavailable; try again later"}, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            add_never_cache_headers(response)
            return response
        return super().handle_exception(exc)


class PublicPagesAPIViewSet(PublicEndpoint, PagesAPIViewSet):
    filter_backends = public_filter_backends(PagesAPIViewSet.filter_backends)

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + PUBLIC_PAGE_FIELDS.get(_label(model), []))

    def get_queryset(self):
        """Only the areas' public pages (core.areas), whoever asks."""
        served = served_page_areas()
        type_param = self.request.GET.get("type")
        requested = list(served)
        if type_param:
            try:
                requested = page_models_from_string(type_param)
            except (LookupError, ValueError) as error:
                raise BadRequestError("type doesn't exist") from error
            if not set(requested) <= set(served):
                raise BadRequestError("type must be one of: " + ", ".join(_label(model) for model in served))
        if len(requested) == 1:
            # The specific model, so that its fields can be filtered on (?risk_level=high).
            pages = served[requested[0]].public()
        else:
            pages = Page.objects.filter(
                reduce(operator.or_, (Q(pk__in=served[model].public().values("pk")) for model in requested))
            )
        return pages.select_related("locale")


class LocaleCodeField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return instance.locale.language_code


class DirectoryAPIViewSet(PublicEndpoint, BaseAPIViewSet):
    filter_backends = [SafeFieldsFilter, KnownLocaleFilter, OrderingFilter, BoundedSearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    body_fields = BaseAPIViewSet.body_fields + PUBLIC_DIRECTORY_FIELDS
    meta_fields = BaseAPIViewSet.meta_fields + ["locale"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "key",
        "name",
        "kind",
        "country",
        "city",
        "locale",
    ]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["name"]
    name = "directory"

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {**super().get_field_serializer_overrides(model), "locale": LocaleCodeField(read_only=True)}

    def get_queryset(self):
        return content_area("directory").public().select_related("locale").order_by("sort_name", "pk")


class PublicImagesAPIViewSet(PublicEndpoint, ImagesAPIViewSet):
    filter_backends = public_filter_backends(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(PublicEndpoint, DocumentsAPIViewSet):
    filter_backends = public_filter_backends(DocumentsAPIViewSet.filter_backends)


def build_router():
    router = WagtailAPIRouter("public_api")
    router.register_endpoint("pages", PublicPagesAPIViewSet)
    router.register_endpoint("images", PublicImagesAPIViewSet)
    router.register_endpoint("documents", PublicDocumentsAPIViewSet)
    if apps.is_installed("directory"):
        DirectoryAPIViewSet.model = apps.get_model("directory", "DirectoryEntry")
        router.register_endpoint("directory", DirectoryAPIViewSet)
    return router


api_router = build_router()

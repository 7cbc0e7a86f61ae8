"""Admin report for editors: what visitors search for, and which searches
find nothing (content to write, or words to add to search/dictionary.txt)."""

import django_filters
from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from core.spreadsheets import FormulaSafeExportMixin
from search.models import SearchQueryStat
from search.query import parse


class SearchQueriesFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    language_code = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    without_results = django_filters.BooleanFilter(
        label=_("Only searches without results"), method="filter_without_results"
    )

    class Meta:
        model = SearchQueryStat
        fields = []

    def filter_without_results(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset


class AliasesColumn(Column):
    """The alias groups a query expanded into (search.aliases, through the query parser), as they are now."""

    def get_value(self, instance):
        return "; ".join(" = ".join(group) for group in parse(instance["query_string"]).expansions())


class SearchQueriesReportView(FormulaSafeExportMixin, ReportView):
    page_title = _("Search queries")
    header_icon = "search"
    index_url_name = "search_queries_report"
    index_results_url_name = "search_queries_report_results"
    filterset_class = SearchQueriesFilterSet
    permission_policy = None
    default_ordering = "-total"
    columns = [
        Column("query_string", label=_("Search terms"), sort_key="query_string"),
        Column("language_code", label=_("Language"), sort_key="language_code"),
        NumberColumn("total", label=_("Searches"), sort_key="total"),
        NumberColumn("zero_results", label=_("Searches without results"), sort_key="zero_results"),
        AliasesColumn("aliases", label=_("Aliases used")),
    ]
    list_export = ["query_string", "language_code", "total", "zero_results"]
    export_headings = {
        "query_string": _("Search terms"),
        "language_code": _("Language"),
        "total": _("Searches"),
        "zero_results": _("Searches without results"),
    }

    def get_base_queryset(self):
        # Date and language filter the daily rows (WHERE); the totals are per
        # query and language, and "without results" filters those (HAVING).
        return (
            SearchQueryStat.objects.values("query_string", "language_code")
            .annotate(total=Sum("searches"), zero_results=Sum("zero_result_searches"))
            .order_by("-total", "query_string")
        )

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("search.view_searchquerystat"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

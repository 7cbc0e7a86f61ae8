from datetime import timedelta

from django.db.models import Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.dashboard import DashboardPanel, Item, first_and_total
from search import outbox
from search.models import SearchAlias, SearchQueryStat
from search.reports import SearchQueriesReportView


@hooks.register("register_admin_urls")
def register_search_queries_report_urls():
    return [
        path("reports/search-queries/", SearchQueriesReportView.as_view(), name="search_queries_report"),
        path(
            "reports/search-queries/results/",
            SearchQueriesReportView.as_view(results_only=True),
            name="search_queries_report_results",
        ),
    ]


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerystat")


@hooks.register("register_reports_menu_item")
def register_search_queries_report_menu_item():
    return SearchQueriesMenuItem(
        _("Search queries"), reverse("search_queries_report"), name="search-queries", icon_name="search", order=1310
    )


class IndexBacklogSummaryItem(SummaryItem):
    """The search index outbox on the dashboard, for superusers (operators):
    how many updates wait for the search backend and since when."""

    order = 900
    template_name = "search/admin/index_backlog_summary.html"

    def is_shown(self):
        return self.request.user.is_superuser

    def get_context_data(self, parent_context):
        return {"backlog": outbox.backlog()}


@hooks.register("construct_homepage_summary_items")
def add_index_backlog_summary_item(request, summary_items):
    summary_items.append(IndexBacklogSummaryItem(request))


class ZeroResultSearchesPanel(DashboardPanel):
    """Last week's searches that found nothing, the most frequent first: content
    to write, or words for search/dictionary.txt (the search queries report)."""

    name = "zero_result_searches"
    order = 400
    heading = _("Last week's searches without results")
    empty_text = _("Every search last week found something.")
    permission = "search.view_searchquerystat"

    def _since(self):
        return timezone.localdate() - timedelta(days=7)

    def items(self):
        searches = (
            SearchQueryStat.objects.filter(date__gte=self._since())
            .values("query_string", "language_code")
            .annotate(zero_results=Sum("zero_result_searches"))
            .filter(zero_results__gt=0)
            .order_by("-zero_results", "query_string")
        )
        return first_and_total(
            searches,
            lambda row: Item(
                url=self._report_url(),
                title=row["query_string"],
                detail=gettext("%(language)s · %(count)s searches without results")
                % {"language": row["language_code"], "count": row["zero_results"]},
            ),
        )

    def _report_url(self):
        return (
            reverse("search_queries_report") + "?" + urlencode({"date_from": self._since(), "without_results": "true"})
        )

    def more_url(self):
        return self._report_url()


@hooks.register("construct_homepage_panels")
def add_zero_result_searches_panel(request, panels):
    panels.append(ZeroResultSearchesPanel(request))


class SearchAliasViewSet(SnippetViewSet):
    """The alias dictionary (search.aliases): editors add a group, the next search uses it."""

    model = SearchAlias
    icon = "search"
    menu_label = _("Search aliases")
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]
    ordering = ["terms"]


register_snippet(SearchAliasViewSet)

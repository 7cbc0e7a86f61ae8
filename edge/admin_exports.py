"""Wagtail's own admin exports, formula-safe: the reports (locked and aging
pages, site history, workflows), redirects and the search-terms report (whose
terms are what visitors typed) write CSV/XLSX cells as they are stored.

Each view is Wagtail's, with core.spreadsheets.FormulaSafeExportMixin in
front, routed at Wagtail's own address ahead of Wagtail's URLs (config/urls.py),
so every link and `reverse()` still leads to it: the list and its "results/"
partial (which exports too, given `?export=`).
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.spreadsheets import FormulaSafeExportMixin

# Address under /admin/ → Wagtail's exporting view there.
WAGTAIL_EXPORTS = {
    "reports/locked/": LockedPagesView,
    "reports/workflow/": WorkflowView,
    "reports/workflow_tasks/": WorkflowTasksView,
    "reports/site-history/": LogEntriesView,
    "reports/aging-pages/": AgingPagesView,
    "redirects/": RedirectIndexView,
    "searchpicks/reports/search-terms/": SearchTermsReportView,
}


def formula_safe_view(view_class):
    return type(f"FormulaSafe{view_class.__name__}", (FormulaSafeExportMixin, view_class), {})


# Wagtail's admin URLs all require admin access (decorated the way Wagtail does
# it); these replace some of them.
urlpatterns = decorate_urlpatterns(
    [
        path(address + partial, view_class.as_view(results_only=bool(partial)))
        for address, view_class in ((address, formula_safe_view(view)) for address, view in WAGTAIL_EXPORTS.items())
        for partial in ("", "results/")
    ],
    require_admin_access,
)

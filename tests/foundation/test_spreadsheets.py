"""Every CSV and XLSX file the site produces is formula-safe (core/spreadsheets.py).

A hostile value goes into one text column of each export and must come out
with a leading apostrophe in both formats, while an ordinary value in the
same column comes out unchanged. `test_every_generic_export_is_covered`
keeps the list of exports below complete for Wagtail's generic export.
"""

import csv
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import get_resolver, resolve, reverse
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.spreadsheets import FormulaSafeExportMixin, formula_safe, restore, xlsx_value
from directory import spreadsheet
from directory.models import DirectoryEntry
from edge.admin_exports import WAGTAIL_EXPORTS
from search.stats import query_counter
from tests.factories import (
    ApplicantFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    SubscriberFactory,
    register_verified,
)

HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]
PROJECT_APPS = ("core", "home", "guides", "advisories", "events", "directory", "search", "edge", "interchange")


@dataclass
class ExportCase:
    user: str  # the fixture of a user allowed to export
    url: Callable[[str], str]  # file format → the export's address
    column: int  # where the stored values appear
    store: Callable[[str], str]  # stores a value in that column; returns the text exported for it
    ordinary: str  # a value that must come out unchanged


def registrations():
    event = EventPageFactory(capacity=50)

    def store(company_name):
        register_verified(event, ApplicantFactory(company_name=company_name))
        return company_name

    return ExportCase(
        user="event_manager",
        url=lambda file_format: reverse(f"events_registrations:export_{file_format}", args=[event.pk]),
        column=3,
        store=store,
        ordinary="滨江示例机械有限公司",
    )


def directory_entries():
    def store(name):
        # Written past the one-line rule for names (which refuses "\r=1"), as a name stored before it was.
        entry = DirectoryEntryFactory()
        DirectoryEntry.objects.filter(pk=entry.pk).update(name=name)
        return name

    return ExportCase(
        user="editor",
        url=lambda file_format: reverse("directory_export", args=[file_format]),
        column=spreadsheet.columns().index("name_zh-hans"),
        store=store,
        ordinary="金边律师事务所",
    )


def subscribers():
    numbers = itertools.count()

    def store(local_part):
        # Addresses are stored stripped, so the tab and carriage-return cases
        # arrive as "=1…"; the number keeps them apart (addresses are unique).
        return SubscriberFactory(email=f"{local_part}.{next(numbers)}@example.com").email

    return ExportCase(
        user="subscription_manager",
        url=lambda file_format: f"/admin/subscribers/?export={file_format}",
        column=0,
        store=store,
        ordinary="firm",
    )


def search_queries():

    def store(query_string):
        query_counter.record("zh-hans", query_string, 0)
        query_counter.flush()
        return query_string

    return ExportCase(
        user="editor",
        url=lambda file_format: f"/admin/reports/search-queries/?export={file_format}",
        column=0,
        store=store,
        ordinary="west-port 西港",
    )


def wagtail_search_terms():
    """Wagtail's own report (routed formula-safe by edge/admin_exports.py): visitors' words too."""
    case = search_queries()
    case.user = "admin_user"  # Wagtail shows this report to superusers only
    case.url = lambda file_format: f"/admin/searchpicks/reports/search-terms/?export={file_format}"
    return case


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_column(data, column):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [row[column] for row in rows[1:]]


def xlsx_column(data, column):
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert [cell.data_type for cell in cells] == ["s"] * len(cells)  # text, never a formula
    return [cell.value for cell in cells]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "make_case",
    [registrations, directory_entries, subscribers, search_queries, wagtail_search_terms],
    ids=lambda make: make.__name__,
)
def test_a_hostile_value_comes_out_as_text(make_case, file_format, client, request, db):
    case = make_case()
    hostile = [case.store(value) for value in HOSTILE]
    ordinary = case.store(case.ordinary)
    client.force_login(request.getfixturevalue(case.user))
    read_column = csv_column if file_format == "csv" else xlsx_column

    exported = read_column(download(client, case.url(file_format)), case.column)

    expected = ["'" + value for value in hostile] + [ordinary]
    if file_format == "xlsx":  # an XML parser reads a stored carriage return as a line feed
        expected = [value.replace("\r", "\n") for value in expected]
    assert sorted(exported) == sorted(expected)


def exporting_routes(resolver=None, prefix="/"):
    """(address, view class) of every class-based view in the URL map that can
    export a spreadsheet: the project's and Wagtail's, shadowed ones included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        address = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from exporting_routes(pattern, address)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
            continue
        # A viewset hands its list_export to as_view(), not to the class.
        if pattern.callback.view_initkwargs.get("list_export", view_class.list_export):
            yield address, view_class


def test_every_export_the_site_serves_is_formula_safe():
    """Whatever answers an exporting address, the project's view or Wagtail's
    (reports, redirects, search terms), writes formula-safe cells."""
    routes = list(exporting_routes())
    assert len(routes) >= 9  # the walk finds the exports (a control: an empty walk would pass)
    unsafe = [address for address, _view in routes if not issubclass(resolve_view(address), FormulaSafeExportMixin)]
    assert unsafe == []


WAGTAIL_EXPORT_ADDRESSES = [f"/admin/{address}{partial}" for address in WAGTAIL_EXPORTS for partial in ("", "results/")]


@pytest.mark.parametrize("address", WAGTAIL_EXPORT_ADDRESSES)
def test_wagtails_reports_still_answer_at_their_addresses(address, admin_client):
    response = admin_client.get(address)
    assert response.status_code == 200
    assert issubclass(response.resolver_match.func.view_class, FormulaSafeExportMixin)


def resolve_view(address):
    return resolve(address).func.view_class


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        # A phone number gets the apostrophe too: the rule looks at the first
        # character only, as a spreadsheet program does (the events and
        # directory exports have always written phones this way).
        ("+86 138 1234 5678", "'+86 138 1234 5678"),
        ("滨江公司", "滨江公司"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
        # Control characters stored before the input rule existed: XLSX (XML) cannot hold them.
        ("滨江\x00公司\x0b\x1b", "滨江公司"),
        ("\x00=1", "'=1"),
        ("第一行\r\n第二行", "第一行\r\n第二行"),
    ],
)
def test_formula_safe(value, safe):
    assert formula_safe(value) == safe


@pytest.mark.parametrize("value", ["=1+1", "+86 138", "'quoted", "plain", ""])
def test_restore_undoes_formula_safe(value):
    assert restore(formula_safe(value)) == value


@pytest.mark.parametrize(("value", "cell"), [(2, 2), (-1, -1), (1.5, 1.5), (True, "True"), ("-1", "'-1"), (None, "")])
def test_xlsx_value_keeps_numbers_and_makes_text_safe(value, cell):
    assert xlsx_value(value) == cell

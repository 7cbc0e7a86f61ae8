"""Spreadsheet import (preview, per-row problems, nothing written until a clean
file is confirmed, updates by key) and export (CSV, XLSX, formula cells)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.models import Revision

from directory import spreadsheet
from directory.models import DirectoryEntry, EntryStatus
from tests.factories import DirectoryEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Problems are reported in the editor's language; these tests read English."""
    with translation.override("en"):
        yield


def row(key, **values):
    cells = dict.fromkeys(spreadsheet.columns(), "")
    cells.update(
        {
            "key": key,
            "status": "listed",
            "kind": "law-firm",
            "country": "KH",
            "website": f"https://{key}.example",
            "email": f"info@{key}.example",
            "phone": "+855 23 880 012",
            "languages": "zh, en, km",
            "services": "company-setup, ip",
            "verified_on": "2026-03-01",
            "name_zh-hans": f"{key}律师事务所",
            "city_zh-hans": "金边",
            "address_zh-hans": "诺罗敦大道128号",
            "description_zh-hans": "公司设立和知识产权。",
            "name_en": f"{key.title()} Legal",
            "city_en": "Phnom Penh",
            "address_en": "128 Norodom Blvd",
            "description_en": "Company set-up and IP.",
        }
    )
    cells.update(values)
    return cells


def csv_upload(rows, name="entries.csv", header=None):
    header = header or spreadsheet.columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for cells in rows:
        writer.writerow([cells.get(column, "") for column in header])
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def upload(content, name):
    return SimpleUploadedFile(name, content)


def plan_for(file):
    return spreadsheet.plan_import(spreadsheet.read_table(file))


def import_file(file, user=None):
    plan = plan_for(file)
    assert plan.problems == []
    return spreadsheet.apply_import(plan, user=user)


GOOD = [row("mekong"), row("gulf", kind="finance", country="AE", phone="+97142345678", languages="ar, en")]


def snapshot():
    """Everything an import could change."""
    entries = DirectoryEntry.objects.order_by("pk").values()
    return [dict(entry) for entry in entries], Revision.objects.count()


# ---------------------------------------------------------------- import: checking


def test_a_file_with_bad_rows_reports_every_problem_and_writes_nothing():
    before = snapshot()
    rows = [
        GOOD[0],  # row 2: fine
        row("bad-country", country="XX"),  # row 3
        row("bad-email", email="info@@example"),  # row 4
        row("bad-service", services="company-setup, teleportation"),  # row 5
        row("bad-phone", phone="12345"),  # row 6
        row("mekong"),  # row 7: the key of row 2 again
        row(
            "Bad Key!", kind="spaceport", verified_on="01/03/2026", website="", email="", **{"name_zh-hans": ""}
        ),  # row 8
        row("half-english", **{"name_en": "", "city_en": "Dubai"}),  # row 9
    ]
    plan = plan_for(csv_upload(rows))
    found = {(problem.row, problem.column) for problem in plan.problems}
    assert found == {
        (3, "country"),
        (4, "email"),
        (5, "services"),
        (6, "phone"),
        (7, "key"),
        (8, "key"),
        (8, "kind"),
        (8, "verified_on"),
        (8, "name_zh-hans"),
        (9, "name_en"),
    }
    messages = {(problem.row, problem.column): problem.message for problem in plan.problems}
    assert "“XX” is not an ISO 3166-1 country code" in messages[3, "country"]
    assert "“teleportation”" in messages[5, "services"]
    assert "row 2" in messages[7, "key"]
    assert "chamber, law-firm" in messages[8, "kind"]
    assert not plan.is_valid
    with pytest.raises(ValueError):
        spreadsheet.apply_import(plan)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("header", "column", "reason"),
    [
        ([*spreadsheet.columns(), "colour"], "colour", "Unknown column."),
        ([name for name in spreadsheet.columns() if name != "country"], "country", "This column is missing."),
        ([*spreadsheet.columns(), "kind"], "kind", "This column appears more than once."),
    ],
)
def test_header_problems_are_reported(header, column, reason):
    plan = plan_for(csv_upload([GOOD[0]], header=header))
    assert [(problem.row, problem.column, problem.message) for problem in plan.problems] == [(1, column, reason)]


def test_the_english_columns_may_be_left_out():
    header = [name for name in spreadsheet.columns() if not name.endswith("_en")]
    import_file(csv_upload([GOOD[0]], header=header))
    entry = DirectoryEntry.objects.get()
    assert entry.locale.language_code == "zh-hans"
    assert list(entry.get_translations()) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("entries.txt", b"key\nx\n", "Upload a .csv or .xlsx file."),
        ("entries.csv", "key,name\nx,é\n".encode("latin-1"), "not in UTF-8"),
        ("entries.xlsx", b"PK\x03\x04 not really a workbook", "not a readable XLSX workbook"),
        ("entries.xlsx", b"", "not a readable XLSX workbook"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(spreadsheet.SpreadsheetError, match=message):
        spreadsheet.read_table(upload(content, name))


def test_an_empty_file_is_reported():
    plan = plan_for(upload(b"", "entries.csv"))
    assert [problem.row for problem in plan.problems] == [1]


# ---------------------------------------------------------------- import: writing


def test_a_clean_file_imports_entries_and_their_translations(editor):
    counts = import_file(csv_upload(GOOD), user=editor)
    assert counts == {"create": 2}
    mekong = DirectoryEntry.objects.get(key="mekong", locale__language_code="zh-hans")
    assert mekong.name == "mekong律师事务所"
    assert mekong.phone == "+85523880012"
    assert mekong.languages == ["zh", "en", "km"]
    assert mekong.services == ["company-setup", "ip"]
    assert mekong.verified_on == datetime.date(2026, 3, 1)
    assert mekong.status == EntryStatus.LISTED
    assert mekong.revisions.get().user == editor
    english = mekong.get_translation(mekong.get_translations().get().locale)
    assert (english.locale.language_code, english.key, english.name, english.city) == (
        "en",
        "mekong",
        "Mekong Legal",
        "Phnom Penh",
    )
    assert english.phone == "+85523880012" and english.status == EntryStatus.LISTED
    assert english.sort_name == "mekong legal"
    assert english.revisions.count() == 1


def test_importing_the_same_file_again_changes_nothing():
    import_file(csv_upload(GOOD))
    before = snapshot()
    plan = plan_for(csv_upload(GOOD))
    assert plan.counts == {"unchanged": 2}
    assert spreadsheet.apply_import(plan) == {"unchanged": 2}
    assert snapshot() == before


def test_a_changed_row_updates_its_entry_in_place():
    import_file(csv_upload(GOOD))
    mekong = DirectoryEntry.objects.get(key="mekong", locale__language_code="zh-hans")
    english = mekong.get_translations().get()
    changed = [row("mekong", status="withdrawn", **{"city_en": "Siem Reap"}), GOOD[1]]
    plan = plan_for(csv_upload(changed))
    assert plan.counts == {"update": 1, "unchanged": 1}
    spreadsheet.apply_import(plan)
    assert DirectoryEntry.objects.count() == 4  # no copies
    mekong.refresh_from_db()
    english.refresh_from_db()
    assert mekong.status == english.status == EntryStatus.WITHDRAWN
    assert english.city == "Siem Reap"
    assert mekong.revisions.count() == english.revisions.count() == 2


def test_only_a_translation_changed_leaves_the_source_revisions_alone():
    import_file(csv_upload(GOOD))
    mekong = DirectoryEntry.objects.get(key="mekong", locale__language_code="zh-hans")
    import_file(csv_upload([row("mekong", **{"description_en": "Now also tax."}), GOOD[1]]))
    assert mekong.revisions.count() == 1
    assert mekong.get_translations().get().description == "Now also tax."


def test_import_updates_an_entry_that_came_in_through_an_application(zh):
    applied = DirectoryEntryFactory(locale=zh, key="mekong", name="申请中的名字", status=EntryStatus.PENDING)
    import_file(csv_upload([GOOD[0]]))
    applied.refresh_from_db()
    assert applied.name == "mekong律师事务所" and applied.status == EntryStatus.LISTED
    assert DirectoryEntry.objects.filter(locale=zh).count() == 1


# ---------------------------------------------------------------- export


TRICKY = row(
    "tricky",
    **{
        "name_zh-hans": '=HYPERLINK("https://evil.example","点击")',
        "description_zh-hans": "@SUM(1+1)",
        "address_zh-hans": "-1+2",
        "name_en": "+Plus Ltd",
        "description_en": "\tTabbed",
    },
)


def test_export_neutralises_formula_cells_in_csv():
    import_file(csv_upload([TRICKY]))
    table = list(csv.reader(io.StringIO(spreadsheet.to_csv(spreadsheet.export_table()).decode("utf-8-sig"))))
    cells = dict(zip(table[0], table[1], strict=True))
    assert cells["name_zh-hans"] == '\'=HYPERLINK("https://evil.example","点击")'
    assert cells["description_zh-hans"] == "'@SUM(1+1)"
    assert cells["address_zh-hans"] == "'-1+2"
    assert cells["name_en"] == "'+Plus Ltd"
    assert cells["phone"] == "'+85523880012"
    assert cells["key"] == "tricky"


def test_export_neutralises_formula_cells_in_xlsx():
    import_file(csv_upload([TRICKY]))
    workbook = openpyxl.load_workbook(io.BytesIO(spreadsheet.to_xlsx(spreadsheet.export_table())))
    header, values = list(workbook.active.iter_rows(max_row=2))
    cells = {name.value: cell for name, cell in zip(header, values, strict=True)}
    assert cells["name_zh-hans"].data_type == "s"
    assert cells["name_zh-hans"].value.startswith("'=HYPERLINK")
    assert cells["phone"].value == "'+85523880012"
    assert not any(cell.data_type == "f" for cell in values)


@pytest.mark.parametrize(("writer", "name"), [(spreadsheet.to_csv, "export.csv"), (spreadsheet.to_xlsx, "export.xlsx")])
def test_export_then_import_round_trips(writer, name, zh):
    import_file(csv_upload([*GOOD, TRICKY]))
    DirectoryEntryFactory(
        locale=zh,
        key="only-chinese",
        name="仅中文",
        status=EntryStatus.PENDING,
        verified_on=None,
        languages=["zh-Hant"],
    )
    first = writer(spreadsheet.export_table())
    before = snapshot()

    # Into the same database: nothing to do.
    plan = plan_for(upload(first, name))
    assert plan.problems == []
    assert plan.counts == {"unchanged": 4}

    # Into an empty directory: the same entries, and the same file out again.
    DirectoryEntry.objects.all().delete()
    import_file(upload(first, name))
    assert DirectoryEntry.objects.count() == len(before[0])
    again = writer(spreadsheet.export_table())
    if name.endswith(".csv"):
        assert again == first
    else:  # a workbook's bytes hold its creation time: compare the cells
        assert _xlsx_rows(again) == _xlsx_rows(first)


def _xlsx_rows(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def test_xlsx_dates_and_numbers_are_read_as_text():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(spreadsheet.columns())
    cells = row("dated")
    cells["verified_on"] = datetime.datetime(2026, 3, 1, 0, 0)
    cells["phone"] = 85523880012  # a number typed without its +
    sheet.append([cells[column] for column in spreadsheet.columns()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = plan_for(upload(buffer.getvalue(), "dated.xlsx"))
    assert [(problem.row, problem.column) for problem in plan.problems] == [(2, "phone")]
    assert "international form" in plan.problems[0].message


# ---------------------------------------------------------------- the admin views


IMPORT_URL = "/admin/directory/import/"


def test_the_admin_preview_lists_problems_and_writes_nothing(client, editor, admin_in_english):
    client.force_login(admin_in_english(editor))
    assert client.get(IMPORT_URL).status_code == 200
    response = client.post(IMPORT_URL, {"file": csv_upload([GOOD[0], row("bad", country="XX")])})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been imported." in html
    assert "<tr><td>3</td><td><code>country</code></td>" in html
    assert 'name="token"' not in html
    assert not DirectoryEntry.objects.exists()


def test_the_admin_import_writes_after_confirmation(client, editor, admin_in_english):
    client.force_login(admin_in_english(editor))
    preview = client.post(IMPORT_URL, {"file": csv_upload(GOOD)})
    html = preview.content.decode()
    assert "2 new, 0 to update, 0 unchanged" in html
    assert not DirectoryEntry.objects.exists()
    token = html.split('name="token" value="')[1].split('"')[0]
    assert client.post(IMPORT_URL, {"token": "forged"}).status_code == 302
    assert not DirectoryEntry.objects.exists()
    done = client.post(IMPORT_URL, {"token": token})
    assert done.status_code == 302
    assert done["Location"] == "/admin/snippets/directory/directoryentry/"
    assert DirectoryEntry.objects.count() == 4
    again = client.post(IMPORT_URL, {"token": token})  # the same confirmation twice does nothing
    assert again.status_code == 302
    assert DirectoryEntry.objects.count() == 4


def test_the_admin_upload_reports_unreadable_files(client, editor, admin_in_english):
    client.force_login(admin_in_english(editor))
    response = client.post(IMPORT_URL, {"file": upload(b"\x00\x01", "entries.xls")})
    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()


def test_export_downloads(client, editor):
    import_file(csv_upload(GOOD))
    client.force_login(editor)
    response = client.get("/admin/directory/export/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="directory-entries-' in response["Content-Disposition"]
    assert response.content.startswith("\ufeffkey,status".encode())
    xlsx = client.get("/admin/directory/export/xlsx/")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _xlsx_rows(xlsx.content)[0][:2] == ["key", "status"]
    assert client.get("/admin/directory/export/pdf/").status_code != 200


def test_spreadsheets_are_for_editors_only(client, translator):
    client.force_login(translator)
    assert client.get(IMPORT_URL).status_code == 302  # refused with a message
    client.logout()
    assert client.get("/admin/directory/export/csv/")["Location"].startswith("/admin/login/")

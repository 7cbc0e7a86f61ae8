"""Directory entries in and out of spreadsheets (CSV and XLSX).

One row per organisation: the structure columns, then name, city, address
and description for each site language (`name_zh-hans`, `name_en`, …). The
`key` column ties a row to its entry, so importing a file again updates
entries in place; a row that matches its entry changes nothing (no save, no
revision).

Importing is two steps. `plan_import` reads and checks every row and reports
every problem (row number, column, reason) without writing anything;
`apply_import` writes a plan that has no problems, in one transaction.

Every exported cell is formula-safe (core/spreadsheets.py: a leading
apostrophe before = + - @, tab or carriage return), and the import removes
that apostrophe again, so that export → import round-trips.
"""

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field

import openpyxl
from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _
from openpyxl.utils.exceptions import InvalidFileException
from wagtail.models import Locale

from core.spreadsheets import formula_safe, restore
from core.translation import translate
from core.validators import validate_web_url
from core.vocabularies import ProviderKind
from directory.formfields import CountryField, KeyField, LanguageListField, PhoneNumberField, ServiceListField
from directory.models import DirectoryEntry, EntryStatus

STRUCTURE_COLUMNS = DirectoryEntry.SYNCHRONISED_FIELDS  # one column each, the same in every language
TRANSLATED_FIELDS = DirectoryEntry.TRANSLATED_FIELDS
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


def source_language():
    return settings.LANGUAGE_CODE


def site_languages():
    """The source language first, then the others in settings order."""
    others = [code for code, _name in settings.LANGUAGES if code != source_language()]
    return [source_language(), *others]


def text_column(field_name, language_code):
    return f"{field_name}_{language_code}"


def columns():
    return [
        *STRUCTURE_COLUMNS,
        *(text_column(name, code) for code in site_languages() for name in TRANSLATED_FIELDS),
    ]


# ---------------------------------------------------------------- reading files


class SpreadsheetError(Exception):
    """The file as a whole cannot be read."""


def read_table(uploaded_file):
    """The file's first sheet as a list of rows of strings (header first)."""
    if uploaded_file.size > MAX_BYTES:
        raise SpreadsheetError(_("The file is larger than 5 MB: split it into smaller files."))
    name = uploaded_file.name.lower()
    if name.endswith(".csv"):
        rows = _read_csv(uploaded_file.read())
    elif name.endswith(".xlsx"):
        rows = _read_xlsx(uploaded_file)
    else:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file."))
    if len(rows) > MAX_ROWS + 1:
        raise SpreadsheetError(
            _("The file has more than %(max)d rows: split it into smaller files.") % {"max": MAX_ROWS}
        )
    return rows


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(_("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")) from None
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None


def _read_xlsx(uploaded_file):
    try:
        workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value):
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):  # datetime: the calendar date
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------- checking rows


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet program numbers it: the header is row 1
    column: str
    message: str


@dataclass
class RowPlan:
    number: int
    key: str
    name: str
    action: str = ""
    values: dict = field(default_factory=dict)  # structure and source-language text
    texts: dict = field(default_factory=dict)  # language code → translated fields, for the other languages
    entry: DirectoryEntry | None = None
    source_changed: bool = False
    translate_into: list = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def is_valid(self):
        return bool(self.rows) and not self.problems

    @property
    def counts(self):
        return Counter(row.action for row in self.rows)


def _choice_field(choices, message):
    return forms.ChoiceField(choices=choices, error_messages={"invalid_choice": message, "required": REQUIRED})


REQUIRED = _("This cell must not be empty.")


def row_form_class():
    """A form for one row, built per import so that messages use the editor's language."""
    kinds = ", ".join(ProviderKind.values)
    fields = {
        "key": KeyField(error_messages={"required": REQUIRED}),
        "status": _choice_field(
            EntryStatus.choices,
            _("“%(value)s” is not a status: use listed, pending or withdrawn."),
        ),
        "kind": _choice_field(
            ProviderKind.choices,
            _("“%(value)s” is not a kind of organisation: use one of {kinds}.").format(kinds=kinds),
        ),
        "country": CountryField(choices=(), error_messages={"required": REQUIRED}),
        "website": forms.URLField(required=False, max_length=500, assume_scheme="https", validators=[validate_web_url]),
        "email": forms.EmailField(required=False),
        "phone": PhoneNumberField(required=False),
        "languages": LanguageListField(required=False),
        "services": ServiceListField(required=False),
        "verified_on": forms.DateField(
            required=False,
            input_formats=["%Y-%m-%d"],
            error_messages={"invalid": _("Write the date as YYYY-MM-DD, e.g. 2026-03-31.")},
        ),
    }
    for code in site_languages():
        is_source = code == source_language()
        fields[text_column("name", code)] = forms.CharField(
            max_length=255, required=is_source, error_messages={"required": REQUIRED}
        )
        fields[text_column("city", code)] = forms.CharField(max_length=255, required=False)
        fields[text_column("address", code)] = forms.CharField(max_length=500, required=False)
        fields[text_column("description", code)] = forms.CharField(required=False)

    def clean(self):
        cleaned_data = forms.Form.clean(self)
        for code in site_languages()[1:]:
            texts = [cleaned_data.get(text_column(name, code)) for name in TRANSLATED_FIELDS]
            if (
                any(texts)
                and not cleaned_data.get(text_column("name", code))
                and text_column("name", code) not in self.errors
            ):
                self.add_error(
                    text_column("name", code),
                    _("Give the name in this language too, or leave all of this language's columns empty."),
                )
        return cleaned_data

    return type("EntryRowForm", (forms.Form,), {**fields, "clean": clean})


def _check_header(header):
    problems = []
    known = set(columns())
    required = {*STRUCTURE_COLUMNS, *(text_column(name, source_language()) for name in TRANSLATED_FIELDS)}
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(1, name, _("This column appears more than once.")))
        elif name and name not in known:
            problems.append(Problem(1, name, _("Unknown column.")))
        seen.add(name)
    for name in columns():
        if name in required and name not in seen:
            problems.append(Problem(1, name, _("This column is missing.")))
    return problems


def _same(name, current, new):
    if name == "languages":  # BCP 47 tags are case-insensitive
        return [tag.lower() for tag in current or []] == [tag.lower() for tag in new]
    return current == new


def plan_import(table):
    """Check every row of `table` (from `read_table`) against the rules and
    the database; write nothing."""
    plan = ImportPlan()
    if not table or not any(table[0]):
        plan.problems.append(Problem(1, "", _("The file is empty: the first row must name the columns.")))
        return plan
    header = [name.strip().lower() for name in table[0]]
    plan.problems.extend(_check_header(header))
    if plan.problems:
        return plan

    form_class = row_form_class()
    first_row_by_key = {}
    for index, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        raw = {name: restore(cells[i]) if i < len(cells) else "" for i, name in enumerate(header) if name}
        form = form_class(raw)
        row = RowPlan(number=index, key=raw.get("key", ""), name=raw.get(text_column("name", source_language()), ""))
        plan.rows.append(row)
        if not form.is_valid():
            for column, errors in form.errors.items():
                plan.problems.extend(Problem(index, column, message) for message in errors)
            continue
        data = form.cleaned_data
        if (first := first_row_by_key.setdefault(data["key"], index)) != index:
            plan.problems.append(
                Problem(
                    index,
                    "key",
                    _("The key “%(key)s” is also used in row %(row)d.") % {"key": data["key"], "row": first},
                )
            )
            continue
        row.values = {name: data[name] for name in STRUCTURE_COLUMNS}
        row.values.update({name: data[text_column(name, source_language())] for name in TRANSLATED_FIELDS})
        for code in site_languages()[1:]:
            texts = {name: data[text_column(name, code)] for name in TRANSLATED_FIELDS}
            if any(texts.values()):
                row.texts[code] = texts
    _compare_with_database(plan)
    return plan


def _compare_with_database(plan):
    """Decide create / update / unchanged for each valid row, in two queries."""
    valid_rows = [row for row in plan.rows if row.values]
    if not valid_rows:
        return
    source_locale = Locale.objects.get(language_code=source_language())
    existing = DirectoryEntry.objects.filter(locale=source_locale, key__in=[row.values["key"] for row in valid_rows])
    entries = {entry.key: entry for entry in existing}
    translations = {
        (entry.translation_key, entry.locale.language_code): entry
        for entry in DirectoryEntry.objects.filter(translation_key__in=Subquery(existing.values("translation_key")))
        .exclude(locale=source_locale)
        .select_related("locale")
    }
    for row in valid_rows:
        row.entry = entries.get(row.values["key"])
        if row.entry is None:
            row.action = CREATE
            row.source_changed = True
            row.translate_into = list(row.texts)
            continue
        row.source_changed = not all(_same(name, getattr(row.entry, name), value) for name, value in row.values.items())
        for code, texts in row.texts.items():
            translation = translations.get((row.entry.translation_key, code))
            if translation is None or row.source_changed or any(getattr(translation, n) != v for n, v in texts.items()):
                row.translate_into.append(code)
        row.action = UPDATE if row.source_changed or row.translate_into else UNCHANGED


@transaction.atomic
def apply_import(plan, user=None):
    """Write a plan that has no problems; returns the counts of each action."""
    if not plan.is_valid:
        raise ValueError("only a plan without problems can be applied")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source_locale = locales[source_language()]
    for row in plan.rows:
        if row.action == UNCHANGED:
            continue
        entry = row.entry or DirectoryEntry(locale=source_locale)
        if row.source_changed:
            for name, value in row.values.items():
                if row.entry is None or not _same(name, getattr(entry, name), value):
                    setattr(entry, name, value)
            entry.save()
            entry.save_revision(user=user, log_action="wagtail.create" if row.action == CREATE else True)
        for code in row.translate_into:
            translate(entry, locales[code], row.texts[code], user=user)
    return plan.counts


# ---------------------------------------------------------------- writing files


def _cell(entry, name):
    value = getattr(entry, name)
    if name in ("languages", "services"):
        return ", ".join(value or [])
    if name == "verified_on":
        return value.isoformat() if value else ""
    return value or ""


def export_table():
    """Every entry (all statuses), one row each, ordered by key; header first."""
    source_locale = Locale.objects.get(language_code=source_language())
    entries = DirectoryEntry.objects.filter(locale=source_locale).order_by("key")
    translations = {
        (entry.translation_key, entry.locale.language_code): entry
        for entry in DirectoryEntry.objects.filter(translation_key__in=Subquery(entries.values("translation_key")))
        .exclude(locale=source_locale)
        .select_related("locale")
    }
    table = [columns()]
    for entry in entries:
        row = [_cell(entry, name) for name in STRUCTURE_COLUMNS]
        for code in site_languages():
            version = entry if code == source_language() else translations.get((entry.translation_key, code))
            row.extend(getattr(version, name) if version else "" for name in TRANSLATED_FIELDS)
        table.append(row)
    return table


def to_csv(table):
    """UTF-8 with a byte-order mark, which spreadsheet programs need to read Chinese."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in table:
        writer.writerow([formula_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title="directory")
    for row in table:
        sheet.append([formula_safe(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

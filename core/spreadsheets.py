"""The one rule that keeps the site's CSV and XLSX files formula-safe.

A spreadsheet program runs a cell that starts with = + - @ (or a tab or a
carriage return, which it skips before looking) as a formula, so a value
from a visitor or a subscriber could call out to a web address or a program
when staff open an export ("CSV injection", OWASP). Every such cell is
written with a leading apostrophe, which spreadsheet programs show as text
and hide; `restore` takes it off again for an import of the same file.

The rule goes by the first character alone, with no exception for a column:
a phone number `+86 138…` is also written `'+86 138…`, because the column's
validation is all that tells a number from `+cmd|…`, and a spreadsheet
program does not know it.

The site's own exports call `formula_safe`; Wagtail's generic export (the
`list_export` of a viewset or report) goes through `FormulaSafeExportMixin`.
"""

from core.text import xml_safe

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """The value as text that a spreadsheet program shows rather than runs,
    without the control characters that XLSX (XML) cannot hold: openpyxl
    refuses them (a 500 for text stored before the input rule existed), and
    in a CSV they would only be noise."""
    text = xml_safe("" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def restore(text):
    """Undo `formula_safe` on a cell read back from a file."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text


def xlsx_value(value):
    """A value for an XLSX cell: numbers stay numbers (a number is never run
    as a formula and staff sum them); anything else becomes formula-safe text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return formula_safe(value)


class FormulaSafeExportMixin:
    """For a view with Wagtail's SpreadsheetExportMixin (a viewset's index
    view or a report with `list_export`): every text cell and heading is
    written formula-safe, in CSV and XLSX alike. Other values (numbers,
    dates, empty cells) are left to Wagtail."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return formula_safe(value) if isinstance(value, str) else value

    def get_heading(self, queryset, field):
        return formula_safe(super().get_heading(queryset, field))

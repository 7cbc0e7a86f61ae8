"""CSV and XLSX exports of an event's registrations, for the centre's staff.

Every cell is written formula-safe (core/spreadsheets.py) in both formats.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from core.spreadsheets import formula_safe, xlsx_value
from core.text import one_line
from core.vocabularies import language_name

from .models import MAX_ATTENDEES

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header():
    return [
        _("Registration"),
        _("Registered at"),
        _("Status"),
        _("Company name"),
        _("Unified social credit code"),
        _("Contact name"),
        _("Mobile phone"),
        _("E-mail"),
        _("Number of attendees"),
        *[_("Attendee %(number)d") % {"number": number} for number in range(1, MAX_ATTENDEES + 1)],
        _("Language"),
        _("Checked in"),
    ]


def rows(registrations):
    for registration in registrations:
        names = list(registration.attendee_names or [])
        yield [
            registration.pk,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            registration.get_status_display(),
            registration.company_name,
            registration.credit_code,
            registration.contact_name,
            registration.phone,
            registration.email,
            registration.seats,
            *(names + [""] * MAX_ATTENDEES)[:MAX_ATTENDEES],
            language_name(registration.language),
            _("yes") if registration.checked_in else _("no"),
        ]


def to_csv(registrations):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: Excel then reads the file as UTF-8 (Chinese names)
    writer = csv.writer(buffer)
    writer.writerow([formula_safe(cell) for cell in header()])
    for row in rows(registrations):
        writer.writerow([formula_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(registrations, title):
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.append([formula_safe(cell) for cell in header()])
    for row in rows(registrations):
        sheet.append([xlsx_value(cell) for cell in row])
    # openpyxl treats any string starting with "=" as a formula: mark every
    # text cell as a string explicitly (formula-safe text never does anyway).
    for sheet_row in sheet.iter_rows():
        for cell in sheet_row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING
    # openpyxl writes the title into the file's XML unchecked: one line, nothing XML forbids.
    workbook.properties.title = one_line(title)[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

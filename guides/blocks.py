"""The blocks a country guide's sections are made of.

`section` is the content bundle's `{"heading": …, "body": …}` one-to-one, so
importing and exporting guides is a plain mapping (interchange.lists.guides).
Contacts and document downloads are the shared core.blocks ones. Every
text is a CharBlock or RichTextBlock inside Struct/List blocks, which
wagtail-localize extracts for translation; the table is built the same way
because Wagtail's table blocks are not translatable by wagtail-localize.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import RICH_TEXT_FEATURES, SHORT_TEXT_FEATURES, ContactBlock, DocumentBlock, ImageBlock, PhoneBlock


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("Listed in the guide's table of contents.")
    )
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "guides/blocks/section.html"
        label = _("Section")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=30, help_text=_("Short: “20%”, “US$1.2 bn”, “3–9 years”."))
    label = blocks.CharBlock(label=_("What it is"), max_length=120)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "guides/blocks/key_figures.html"
        label = _("Key figures")


class DifficultyCalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        help_text=_("Leave empty for “What to do in difficulty”."),
    )
    body = blocks.RichTextBlock(label=_("Text"), features=SHORT_TEXT_FEATURES)
    contacts = blocks.ListBlock(ContactBlock(), label=_("Contacts"), min_num=0, max_num=8)

    class Meta:
        icon = "warning"
        template = "guides/blocks/difficulty_callout.html"
        label = _("What to do in difficulty")


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Caption"), max_length=200, help_text=_("Says what the table shows."))
    header = blocks.ListBlock(blocks.CharBlock(label=_("Column heading"), max_length=100), label=_("Column headings"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False, max_length=300), label=_("Row")),
        label=_("Rows"),
        min_num=1,
    )
    first_column_is_header = blocks.BooleanBlock(
        label=_("The first column holds row headings"), required=False, default=True
    )
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "table"
        template = "guides/blocks/table.html"
        label = _("Table")

    def clean(self, value):
        value = super().clean(value)
        width = len(value["header"])
        if width == 0:
            raise StructBlockValidationError(block_errors={"header": ValidationError(_("Add at least one column."))})
        uneven = [number for number, row in enumerate(value["rows"], start=1) if len(row) != width]
        if uneven:
            message = _("Rows %(rows)s do not have %(width)d cells, like the column headings.") % {
                "rows": ", ".join(map(str, uneven)),
                "width": width,
            }
            raise StructBlockValidationError(block_errors={"rows": ValidationError(message)})
        return value


class GuideSectionsBlock(blocks.StreamBlock):
    section = SectionBlock()
    key_figures = KeyFiguresBlock()
    difficulty = DifficultyCalloutBlock()
    document = DocumentBlock()
    table = TableBlock()
    image = ImageBlock()

    class Meta:
        label = _("Sections")


def section_anchor(block_id):
    """The HTML id of a section: from the block id, which wagtail-localize keeps
    in every translation, so /en/…#s-1a2b3c4d and /zh-hans/…#s-1a2b3c4d match."""
    return f"s-{str(block_id)[:8]}" if block_id else ""


# ---------------------------------------------------------------- emergency cards


MISSION_KINDS = [("embassy", _("Embassy")), ("consulate", _("Consulate-general or consulate"))]


class MissionBlock(blocks.StructBlock):
    """A Chinese diplomatic mission in the country, for the emergency card."""

    kind = blocks.ChoiceBlock(label=_("Kind"), choices=MISSION_KINDS)
    name = blocks.CharBlock(label=_("Name"), max_length=150)
    address = blocks.CharBlock(label=_("Address"), max_length=300)
    phone = PhoneBlock(label=_("Phone"))
    consular_phone = PhoneBlock(label=_("Consular protection (24 h)"), required=False)
    hours = blocks.CharBlock(label=_("Opening hours"), max_length=150, required=False)
    district = blocks.CharBlock(
        label=_("Consular district"), max_length=300, required=False, help_text=_("The provinces or cities it covers.")
    )

    class Meta:
        icon = "site"
        label = _("Chinese embassy or consulate")


INCIDENT_CHOICES = [
    ("detention", _("Detention")),
    ("accident", _("Accident")),
    ("robbery", _("Robbery")),
    ("lost-passport", _("Lost passport")),
    ("labour-dispute", _("Labour dispute")),
    ("unrest", _("Unrest")),
]


class IncidentStepsBlock(blocks.StructBlock):
    """What to do first in one kind of incident: short steps, in order."""

    incident = blocks.ChoiceBlock(label=_("Incident"), choices=INCIDENT_CHOICES)
    steps = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("First steps"), min_num=1, max_num=6)

    class Meta:
        icon = "warning"
        label = _("What to do first")

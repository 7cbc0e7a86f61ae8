"""StreamField blocks of an event page.

A content bundle's `body` (one HTML fragment) is one `rich_text` block:
the importer writes `[("rich_text", html)]`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import DocumentBlock, GalleryBlock, ImageBlock, RichTextBlock


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("Time"), max_length=40, help_text=_("For example 09:30–10:15"))
    title = blocks.CharBlock(label=_("Item"), max_length=200)
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200, required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")


class AgendaBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    items = blocks.ListBlock(AgendaItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Agenda")
        template = "events/blocks/agenda.html"


class EventBodyBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    agenda = AgendaBlock()
    document = DocumentBlock(template="events/blocks/document.html")
    image = ImageBlock()
    gallery = GalleryBlock()

    class Meta:
        label = _("Body")


class MaterialKind:
    """Kinds of archive material; a small UI choice of this app, not a shared vocabulary."""

    SLIDES = "slides"
    RECORDING = "recording"
    OTHER = "other"
    CHOICES = [(SLIDES, _("Slides")), (RECORDING, _("Recording")), (OTHER, _("Other material"))]


class MaterialDocumentBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=MaterialKind.CHOICES, default=MaterialKind.SLIDES, label=_("Kind"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        icon = "doc-full"
        label = _("Slides or other document")
        template = "events/blocks/material.html"


class MaterialLinkBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=MaterialKind.CHOICES, default=MaterialKind.RECORDING, label=_("Kind"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address (URL)"))

    class Meta:
        icon = "link"
        label = _("Recording or other link")
        template = "events/blocks/material.html"


class MaterialsBlock(blocks.StreamBlock):
    document = MaterialDocumentBlock()
    link = MaterialLinkBlock()

    class Meta:
        label = _("Recordings and slides")

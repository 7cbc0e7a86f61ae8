"""The blocks of an advisory's body.

A content bundle's `body` (one HTML fragment) is exactly one `rich_text`
block, so the importer writes `[("rich_text", html)]`.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

# The bundle format allows p h3 h4 ul ol li strong em a br; document links on top.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]


def validate_international_phone(value):
    """A number a reader abroad can dial: +<country code> …"""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(_("Enter the number in international format, for example +86 571 8888 0000."))


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "advisories/blocks/rich_text.html"


class StepsBlock(blocks.StructBlock):
    """ "What to do": a numbered list of actions for the reader."""

    heading = blocks.CharBlock(
        required=False, label=_("Heading"), help_text=_("Leave empty for the default heading, “What to do”.")
    )
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("What to do")
        template = "advisories/blocks/steps.html"


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name or office"))
    organisation = blocks.CharBlock(required=False, label=_("Organisation"))
    phone = blocks.CharBlock(
        required=False,
        label=_("Phone"),
        validators=[validate_international_phone],
        help_text=_("International format, for example +86 571 8888 0000."),
    )
    email = blocks.EmailBlock(required=False, label=_("E-mail"))
    website = blocks.URLBlock(required=False, label=_("Website"))
    note = blocks.TextBlock(required=False, label=_("Note"), help_text=_("Opening hours, languages spoken …"))

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "advisories/blocks/contact.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Link text"), help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "advisories/blocks/document.html"


def body_blocks():
    return [
        ("rich_text", RichTextBlock()),
        ("steps", StepsBlock()),
        ("contact", ContactBlock()),
        ("document", DocumentDownloadBlock()),
    ]

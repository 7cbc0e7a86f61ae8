"""The blocks of an advisory's body.

A content bundle's `body` (one HTML fragment) is exactly one `rich_text`
block, so the importer writes `[("rich_text", html)]`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import ContactBlock, DocumentBlock, ImageBlock, RichTextBlock


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


def body_blocks():
    return [
        ("rich_text", RichTextBlock()),
        ("steps", StepsBlock()),
        ("contact", ContactBlock()),
        ("document", DocumentBlock(template="advisories/blocks/document.html")),
        ("image", ImageBlock()),
    ]

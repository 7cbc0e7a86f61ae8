"""StreamField blocks more than one content area uses: rich text with the
bundle's feature set, a contact and a document download.

Each app's stream keeps its own block names ("rich_text", "contact",
"document"), so stored data loads as before; an app whose pages show a
block their own way passes `template=` where it uses the block.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from core.validators import validate_phone, validate_web_url

# What the content bundle format carries (p h3 h4 ul ol li strong em a br),
# so rich text survives an export and an import unchanged.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
# A page body may also link to documents (exported as links to their files).
BODY_FEATURES = [*RICH_TEXT_FEATURES, "document-link"]
# A short text inside another block: no headings.
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    """A page body's text: the bundle's body is one such block."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "core/blocks/rich_text.html"


class PhoneBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", _("International form, e.g. +855 23 880 012."))
        super().__init__(validators=[validate_phone], **kwargs)


class WebAddressBlock(blocks.URLBlock):
    def __init__(self, **kwargs):
        super().__init__(validators=[validate_web_url], **kwargs)


class ContactBlock(blocks.StructBlock):
    """Someone a reader can call, write to or look up; at least one of the three."""

    name = blocks.CharBlock(
        label=_("Name or office"), max_length=150, help_text=_("E.g. the embassy's consular section.")
    )
    # Default "": contacts saved before the field existed have no value for it.
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=150, required=False, default="")
    phone = PhoneBlock(label=_("Phone"), required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    website = WebAddressBlock(label=_("Website"), required=False)
    note = blocks.TextBlock(label=_("Note"), required=False, help_text=_("Opening hours, languages spoken …"))

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "core/blocks/contact.html"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("phone") or value.get("email") or value.get("website")):
            raise StructBlockValidationError(
                block_errors={"phone": ValidationError(_("Give at least a phone number, an e-mail or a website."))}
            )
        return value


class DocumentBlock(blocks.StructBlock):
    """A download link: the document's title unless the editor gives link text."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), max_length=200, required=False, help_text=_("Leave empty to use the document's title.")
    )
    # Default "": downloads saved before the field existed have no value for it.
    description = blocks.TextBlock(label=_("Description"), required=False, default="")

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "core/blocks/document.html"

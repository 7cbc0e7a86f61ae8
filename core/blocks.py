"""StreamField blocks more than one content area uses: rich text with the
bundle's feature set, a contact, a document download, an image and a gallery.

Each app's stream keeps its own block names ("rich_text", "contact",
"document"), so stored data loads as before; an app whose pages show a
block their own way passes `template=` where it uses the block.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.images import ALT_TEXT_HELP, DECORATIVE_HELP, alt_text_error
from core.richtext_images import rich_text_image_alt_error
from core.validators import validate_phone, validate_web_url

# What the content bundle format carries (p h3 h4 ul ol li strong em a br),
# so rich text survives an export and an import unchanged.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
# A page body may also link to documents (exported as links to their files) and
# show an image (its alt text is required and translated: core.richtext_images;
# a bundle carries images as image blocks, so an export leaves these out).
BODY_FEATURES = [*RICH_TEXT_FEATURES, "document-link", "image"]
# A short text inside another block: no headings.
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    """A page body's text: the bundle's body is one such block."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_FEATURES)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        message = rich_text_image_alt_error(value.source)
        if message:
            raise ValidationError(message)
        return value

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


class ImageBlock(blocks.StructBlock):
    """A picture in a page's text: its own alt text (translated with the page) or "decorative"."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Alternative text"), max_length=250, required=False, help_text=ALT_TEXT_HELP)
    decorative = blocks.BooleanBlock(label=_("Decorative"), required=False, help_text=DECORATIVE_HELP)
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)
    credit = blocks.CharBlock(label=_("Credit or source"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        message = alt_text_error(value.get("image"), value.get("alt_text"), value.get("decorative"))
        if message:
            raise StructBlockValidationError(block_errors={"alt_text": ValidationError(message)})
        return value


class GalleryBlock(blocks.StructBlock):
    """Several pictures under one heading (an event's past sessions)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=150, required=False)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1, max_num=24)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "core/blocks/gallery.html"

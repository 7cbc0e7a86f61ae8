"""Images in rich text: each one's alternative text is required and translated.

Wagtail keeps an image in rich text as `<embed embedtype="image" id=".."
format=".." alt=".."/>`. Its chooser asks for alt text or "decorative", but
"decorative" is stored as an empty alt, so an empty alt cannot be told from a
forgotten one: text images must be described (`rich_text_image_alt_error`);
a decorative picture is an image block, which has the explicit choice.

wagtail-localize keeps such tags whole in the template of a text's segments,
so their alt would stay in the source language on every translation (its open
issue #808). `translate_image_alts` wraps the two functions it uses for rich
text: before extraction each image's alt becomes the text of a placeholder
element, which wagtail-localize then offers as a string like any other; after
a translation is put together, the placeholder becomes the image again, with
the translated alt.
"""

from bs4 import BeautifulSoup
from django.utils.translation import gettext_lazy as _

RICH_TEXT_IMAGE_ALT_REQUIRED = _(
    "An image in the text has no alternative text: choose it again and describe it, "
    "or use an image block to mark a picture as decorative."
)
# A tag no rich text uses; wagtail-localize offers the text inside a block-level tag as a string.
PLACEHOLDER = "image-alt-for-translation"


def _image_embeds(soup):
    return soup.find_all("embed", attrs={"embedtype": "image"})


def rich_text_image_alt_error(html):
    """The message when an image in `html` (stored rich text) has no alt text, else None."""
    if "<embed" not in (html or ""):
        return None
    soup = BeautifulSoup(html, "html.parser")
    if any(not embed.get("alt", "").strip() for embed in _image_embeds(soup)):
        return RICH_TEXT_IMAGE_ALT_REQUIRED
    return None


def alts_as_text(html):
    """`html` with each image embed replaced by a placeholder whose text is its alt."""
    if "<embed" not in (html or ""):
        return html
    soup = BeautifulSoup(html, "html.parser")
    for embed in _image_embeds(soup):
        placeholder = soup.new_tag(PLACEHOLDER, attrs={k: v for k, v in embed.attrs.items() if k != "alt"})
        placeholder.string = embed.get("alt", "")
        embed.replace_with(placeholder)
    return str(soup)


def alts_from_text(html):
    """The reverse of `alts_as_text`: each placeholder becomes an image embed again."""
    if PLACEHOLDER not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for placeholder in soup.find_all(PLACEHOLDER):
        embed = soup.new_tag("embed", attrs={**placeholder.attrs, "alt": placeholder.get_text().strip()})
        placeholder.replace_with(embed)
    return str(soup)


def translate_image_alts():
    """Make wagtail-localize offer rich-text images' alt texts for translation (once, at start-up)."""
    from wagtail_localize.segments import extract, ingest
    from wagtail_localize.strings import extract_strings, restore_strings

    extract.extract_strings = lambda html: extract_strings(alts_as_text(html))
    ingest.restore_strings = lambda template, strings: alts_from_text(restore_strings(template, strings))

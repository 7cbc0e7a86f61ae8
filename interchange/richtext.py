"""Rich text on its way out: Wagtail's stored HTML → the bundle's small HTML;
and on its way in, links to policy documents made internal page links.

Imported rich text is stored exactly as it arrived, so exporting it gives
back the same bytes. Text written in the admin may hold what the format has
no room for: internal links (`<a linktype="page" id="3">`), embedded images,
headings or attributes outside the allowed set. That text is rewritten: links
become ordinary hrefs to their public URLs, <b>/<i> become <strong>/<em>,
other headings become <h3>/<h4>, and anything else is unwrapped to its text
(scripts, styles and embeds are dropped whole).
"""

import re
from html import escape
from html.parser import HTMLParser

from django.apps import apps
from wagtail.rich_text import expand_db_html

from .validation import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, VOID_TAGS, RichTextChecker, is_safe_link

RENAMED_TAGS = {"b": "strong", "i": "em", "h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "template", "svg", "figure", "video", "audio"}


def is_bundle_html(html):
    """True when `html` already meets the format's rules."""
    checker = RichTextChecker()
    checker.feed(html)
    checker.close()
    return not checker.finish()


def to_bundle_html(db_html):
    """The bundle form of stored rich text (unchanged when it already fits)."""
    db_html = db_html or ""
    if is_bundle_html(db_html):
        return db_html
    expanded = expand_db_html(db_html)
    if is_bundle_html(expanded):
        return expanded
    rewriter = _Rewriter()
    rewriter.feed(expanded)
    rewriter.close()
    return rewriter.result()


# A link as the validated bundle writes it: one attribute, a path on this site.
SITE_PATH_LINK = re.compile(r'<a href="(/[^"]*)">')


def with_page_links(bundle_html):
    """The bundle's HTML as stored on import: a link to a policy document's public
    path (`/en/policies/ndrc-order-11-2017/`, format 1.1) becomes an internal page
    link (`<a linktype="page" id="…">`), which Wagtail's reference index records,
    so the document lists the item among those that cite it, and which follows
    the page if it moves. The export writes it back as the page's path in the
    text's language. Other links are stored as written."""

    def internal(match):
        page = _policy_at(match.group(1))
        return f'<a linktype="page" id="{page.pk}">' if page is not None else match.group(0)

    return SITE_PATH_LINK.sub(internal, bundle_html) if bundle_html else bundle_html


def _policy_at(path):
    slug = path.rstrip("/").rpartition("/")[2]
    if not slug:
        return None
    for page in apps.get_model("policies", "PolicyPage").objects.filter(slug=slug):
        if page.get_url_parts() is not None and page.get_url_parts()[2] == path:
            return page
    return None


def canonical_html(html):
    """One spelling of the same HTML (quoting, escaping, <br>), for comparing
    text that wagtail-localize rebuilt from segments with text as written."""
    rewriter = _Rewriter()
    rewriter.feed(html or "")
    rewriter.close()
    return rewriter.result()


class _Rewriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.open_tags = []
        self.dropping = 0  # depth inside an element dropped with its content

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self.dropping += 1
            return
        if self.dropping:
            return
        tag = RENAMED_TAGS.get(tag, tag)
        if tag not in ALLOWED_TAGS:
            return
        kept = [
            (name, value)
            for name, value in attrs
            if name in ALLOWED_ATTRIBUTES.get(tag, ()) and (name != "href" or is_safe_link(value))
        ]
        if tag == "a" and not kept:
            return  # a link without a usable href: keep its text only
        attributes = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in kept)
        self.parts.append(f"<{tag}{attributes}>")
        if tag not in VOID_TAGS:
            self.open_tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in DROPPED_WITH_CONTENT:
            return
        self.handle_starttag(tag, attrs)
        tag = RENAMED_TAGS.get(tag, tag)
        if tag in self.open_tags and tag not in VOID_TAGS and not self.dropping:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        tag = RENAMED_TAGS.get(tag, tag)
        if tag not in self.open_tags:
            return
        while self.open_tags:
            open_tag = self.open_tags.pop()
            self.parts.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(escape(data, quote=False))

    def result(self):
        self.parts.extend(f"</{tag}>" for tag in reversed(self.open_tags))
        self.open_tags = []
        return "".join(self.parts)

from contextvars import ContextVar
from functools import lru_cache
from secrets import token_hex

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.template.defaulttags import ForNode, WithNode
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.images.models import Picture
from wagtail.models import Page

from core import typography, vocabularies
from core.images import PICTURE_SIZES, RENDITION_SPECS
from core.links import absolute_url
from core.reading_mode import mode_links
from edge.chrome import FRAGMENT_LIFETIMES, memoised, memoised_fragment, site_chrome, translation_urls
from edge.purge import SITE

register = template.Library()


def _language_name(code):
    return get_language_info(code)["name_local"]


def _home_url(request, language_code):
    home = site_chrome(request, language_code).home
    return home.url if home else f"/{language_code}/"


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per configured language: where "switch to it" leads.

    For a page: its translation when one is live, else that language's home
    page with a notice (?untranslated=1). For a non-page view (search, compare,
    a directory entry): the same path under the other language prefix. A
    view may instead give `language_urls` ({code: url, or None when that
    language has no version}) in its context: a routable page's sub-view does.
    """
    request = context["request"]
    current = get_language()
    page = context.get("page")
    own_urls = context.get("language_urls")
    translations = {}
    if isinstance(page, Page) and own_urls is None:
        translations = {code: url for _locale_id, code, url in translation_urls(request, page)}
    versions = []
    for code, _name in settings.LANGUAGES:
        entry = {"code": code, "name": _language_name(code), "current": code == current, "available": True}
        if own_urls is not None:
            entry["url"] = own_urls.get(code) or _home_url(request, code) + "?untranslated=1"
            entry["available"] = bool(own_urls.get(code))
        elif isinstance(page, Page):
            if code in translations:
                entry["url"] = translations[code]
            else:
                entry["url"] = _home_url(request, code) + "?untranslated=1"
                entry["available"] = False
        else:
            path, mark, query = request.get_full_path().partition("?")
            entry["url"] = _translated_path(path, code, get_script_prefix(), get_urlconf()) + mark + query
        entry["absolute_url"] = absolute_url(entry["url"])
        versions.append(entry)
    return versions


@lru_cache(maxsize=1024)
def _translated_path(path, code, _script_prefix, _urlconf):
    """translate_url of a path (no query string), per URL configuration and
    script prefix (the arguments it reads besides the path): what it gives
    depends on them alone, never on content, and resolving and reversing the
    path was most of a search page's language switcher (about 80 µs)."""
    return translate_url(path, code)


@register.simple_tag(takes_context=True)
def chrome(context):
    """The site chrome in the active language (edge/chrome.py): header, menu, footer."""
    return site_chrome(context["request"])


@register.filter
def country_name(code):
    return vocabularies.country_name(code)


@register.filter
def choice_label(value, choices_name):
    """{{ guide.region|choice_label:"Region" }} → the translated label."""
    return vocabularies.label(getattr(vocabularies, choices_name), value)


@register.filter
def truncate_text(text, limit):
    """{{ event.summary|truncate_text:160 }}: shortened as the active language
    expects (core.typography.truncate)."""
    return typography.truncate(text, int(limit))


@register.filter
def colon(label):
    """{{ _("Source")|colon }}{{ source }}: "Source: " / "来源：" (core.typography.with_colon)."""
    return typography.with_colon(label)


@register.simple_tag
def html_lang(code=None):
    """The BCP 47 tag for a `lang` attribute: zh-Hans, en; default: the active language's."""
    code = code or get_language() or settings.LANGUAGE_CODE
    language, _sep, script = code.partition("-")
    return f"{language}-{script.title()}" if script else language


@register.simple_tag(takes_context=True)
def site_banners(context):
    """Site-wide banners other apps contribute (a current alert, say)."""
    from core.related import site_banners as collect

    return collect(context["request"])


@register.simple_tag
def responsive_picture(image, alt="", decorative=False, eager=False, sizes=None):
    """A <picture> of `image`: AVIF and WebP sources and a JPEG <img> with
    srcset, sizes, width and height (no layout shift); lazy unless `eager`
    (above the fold). Renditions come from core.images.RENDITION_SPECS, made
    when the page is published and read from the prefetch when a listing has one.
    The HTML is memoised per image and attributes until an image changes (an
    image's save purges the whole site: PAGE_CACHE_SITE_WIDE_MODELS)."""
    if not image:
        return ""
    attrs = {"alt": "" if decorative else str(alt), "sizes": sizes or PICTURE_SIZES, "decoding": "async"}
    attrs.update({"fetchpriority": "high"} if eager else {"loading": "lazy"})
    return memoised(
        ("picture", image.pk, *sorted(attrs.items())),
        {SITE},
        lambda: Picture(image.get_renditions(*RENDITION_SPECS), attrs).__html__(),
    )


@register.simple_tag(takes_context=True)
def reading_mode(context):
    """The reading mode of this page (core.reading_mode) and its switch's links."""
    return mode_links(context["request"])


@register.filter
def menu_section(page):
    """The tree path of the main-menu page that `page` is below (the menu marks
    it as current), or "" (the home page, a view that is no page)."""
    return page.path[:12] if isinstance(page, Page) and page.depth > 2 else ""


# Where a value of the request goes in a fragment rendered once ({% per_request %}):
# a mark no content holds (NUL characters round a token drawn when the process starts).
_HOLE = f"\x00{token_hex(8)}\x00"
# True while a fragment is rendered to be kept: one with holes inside it (an include's too)
# would have this request's values kept with it.
_rendering_to_keep = ContextVar("memoised_html_rendering_to_keep", default=False)


@register.tag
def memoised_html(parser, token):
    """{% memoised_html "name" [value ...] [on=day] until="site" %}…{% endmemoised_html %}:
    the enclosed HTML rendered once per site, language, name and values (pages,
    strings, numbers) and kept until what `until` names changes
    (edge.chrome.memoised_fragment: "site" as the chrome, "pages" until any
    page of the language changes) or `on` differs from the value it was
    rendered with (today's date, for what time changes without a publish).
    What is inside may depend on those alone: never on the visitor, the query
    string or a form, except through {% per_request value %}, which writes
    `value` for each request into the HTML rendered once."""
    bits = token.split_contents()
    if len(bits) < 3 or not bits[-1].startswith("until="):
        raise template.TemplateSyntaxError(f'{bits[0]} takes a name, values to vary by and until="…" last')
    until = bits[-1].removeprefix("until=").strip("\"'")
    if until not in FRAGMENT_LIFETIMES:
        raise template.TemplateSyntaxError(f"{bits[0]}: until is one of {', '.join(FRAGMENT_LIFETIMES)}")
    values = bits[2:-1]
    on = [parser.compile_filter(bit.removeprefix("on=")) for bit in values if bit.startswith("on=")]
    vary = [parser.compile_filter(bit) for bit in values if not bit.startswith("on=")]
    # The {% per_request %} values of this fragment (not of one nested in it).
    open_fragments = parser.extra_data.setdefault("memoised_html holes", [])
    holes = []
    open_fragments.append(holes)
    try:
        nodelist = parser.parse(("endmemoised_html",))
    finally:
        open_fragments.pop()
    parser.delete_first_token()
    scoped = (*nodelist.get_nodes_by_type(ForNode), *nodelist.get_nodes_by_type(WithNode))
    if any(hole in holes for scope in scoped for hole in scope.get_nodes_by_type(PerRequestNode)):
        raise template.TemplateSyntaxError(
            f"{bits[0]}: a per_request value is read around the fragment, so never inside its for or with"
        )
    return MemoisedHtmlNode(nodelist, parser.compile_filter(bits[1]), vary, on[0] if on else None, until, holes)


class MemoisedHtmlNode(template.Node):
    def __init__(self, nodelist, name, vary, on, until, holes):
        self.nodelist, self.name, self.vary, self.on, self.until = nodelist, name, vary, on, until
        self.holes = holes

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.fill(self.render_once(context), context)
        vary = [value.resolve(context) for value in self.vary]
        on = self.on.resolve(context) if self.on is not None else None
        rendered = memoised_fragment(
            request, self.name.resolve(context), vary, self.until, lambda: self.render_once(context), on=on
        )
        return self.fill(rendered, context)

    def render_once(self, context):
        """The HTML, or with per_request values (holes) its pieces: (text, hole
        number, text, …, text), the text between the holes."""
        outer = _rendering_to_keep.set(True)
        try:
            html = self.nodelist.render(context)
        finally:
            _rendering_to_keep.reset(outer)
        if not self.holes:
            return html
        pieces = html.split(_HOLE)
        return tuple(piece if position % 2 == 0 else int(piece) for position, piece in enumerate(pieces))

    def fill(self, rendered, context):
        if not self.holes:
            return rendered
        if _rendering_to_keep.get():
            raise template.TemplateSyntaxError(
                f"memoised_html {self.name.token}: per_request values inside another memoised_html, which keeps them"
            )
        values = [render_value_in_context(hole.value.resolve(context), context) for hole in self.holes]
        return "".join(piece if position % 2 == 0 else values[piece] for position, piece in enumerate(rendered))


@register.tag
def per_request(parser, token):
    """{% per_request value %}, inside {% memoised_html %}: `value` (this
    request's address, say), written for each request into the fragment
    rendered once, escaped as {{ value }} is. It is read in the context around
    the fragment, so never inside a for or with of the fragment."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one value")
    open_fragments = parser.extra_data.get("memoised_html holes")
    if not open_fragments:
        raise template.TemplateSyntaxError(f"{bits[0]} is only for inside memoised_html")
    holes = open_fragments[-1]
    node = PerRequestNode(parser.compile_filter(bits[1]), len(holes))
    holes.append(node)
    return node


class PerRequestNode(template.Node):
    def __init__(self, value, number):
        self.value, self.number = value, number

    def render(self, context):
        return f"{_HOLE}{self.number}{_HOLE}"

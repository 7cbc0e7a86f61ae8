"""Both locales of the demo site speak their own language: a crawl of every
page reachable from each home page finds no words of the other language in
the visible text, beyond a small allow-list. The same crawl finds no
drawn geography on any page (guides/README.md: why the map has no borders).

Text marked with its own `lang` attribute (the language switcher's
"English" / "简体中文") is the other language on purpose and is skipped, as
are scripts and styles. Removing the Chinese capitals from the demo bundle
(core/demo/content/guides.json, `translations.zh-hans.capital`) makes this
fail with "Phnom Penh" on the Chinese Cambodia guide and compare pages.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# Latin words allowed on Chinese pages, each group for its reason (single
# letters are Chinese usage too, as in K街, and are not checked):
LATIN_ON_CHINESE_PAGES = {
    # abbreviations Chinese texts use as they are: agreements, programmes,
    # agencies and standards
    "RCEP", "BOI", "OSS", "HS", "IMMEX", "WCAG", "AA", "ICP",
    # codes: "UTC+7", ISO 4217 currencies beside their Chinese names, and the
    # language codes a form gives as examples ("zh, en, km")
    "UTC", "KHR", "VND", "MYR", "IDR", "AED", "SAR", "HUF", "HKD", "zh", "en", "km",
    # file and feed formats, and the keys a help text names
    "ics", "iCal", "Atom", "PDF", "Ctrl", "Mac",
    # licences in image credits, written as they are in Chinese too ("CC0")
    "CC",
}  # fmt: skip
# Chinese on English pages: the name printed on a Chinese business licence,
# so an applicant finds the number it asks for. Everything else Chinese on an
# English page must be marked lang="zh-Hans" (the filing numbers, the
# language switcher), which the crawl skips.
CJK_ON_ENGLISH_PAGES = {"统一社会信用代码"}

# Addresses are neither language: e-mail addresses (and "info@…"), web
# addresses and file names.
ADDRESS = re.compile(r"[\w.+-]+@(…|[\w-]+(\.[\w-]+)+)|https?://\S+|\b[\w-]+\.(pdf|docx?|xlsx|ics|xml)\b")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MAX_PAGES_PER_LANGUAGE = 120
# Border or coastline geometry is long path data (the old map's Cambodia
# alone was 60 points); the site's icons are a few points each.
LONG_PATH = re.compile(r'<path[^>]*\sd="[^"]{200,}"')


class VisibleText(HTMLParser):
    """The page's visible text, without scripts, styles and elements whose
    `lang` differs from the page's; and its same-language links."""

    def __init__(self, page_lang):
        super().__init__(convert_charrefs=True)
        self.page_lang, self.skipping, self.stack, self.text, self.links = page_lang, 0, [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in VOID:
            return
        lang = attrs.get("lang")
        skip = tag in ("script", "style", "template") or (lang is not None and lang.lower() != self.page_lang)
        self.stack.append(skip)
        self.skipping += skip

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        self.skipping -= self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.text.append(data)


def crawl(client, prefix, page_lang, drawn):
    """{path: visible text} of every HTML page under `prefix` reachable from
    its home page; the paths of pages with long SVG path data go to `drawn`."""
    seen, queue, pages = {prefix}, [prefix], {}
    while queue and len(pages) < MAX_PAGES_PER_LANGUAGE:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if LONG_PATH.search(html):
            drawn.append(path)
        parser = VisibleText(page_lang)
        parser.feed(html)
        pages[path] = ADDRESS.sub(" ", " ".join(parser.text))
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
                continue
            if href not in seen:
                seen.add(href)
                queue.append(href)
    return pages


@pytest.fixture
def demo_site(db):
    call_command("load_demo")


def test_each_locale_of_the_demo_site_has_no_words_of_the_other_language(client, demo_site):
    drawn = []
    chinese = crawl(client, "/zh-hans/", "zh-hans", drawn)
    english = crawl(client, "/en/", "en", drawn)
    assert drawn == [], "pages with drawn shapes (border geometry?)"
    assert len(chinese) > 20 and len(english) > 20, "the crawl reached the demo content"
    latin = {path: sorted(set(LATIN_WORD.findall(text)) - LATIN_ON_CHINESE_PAGES) for path, text in chinese.items()}
    cjk = {path: sorted(set(CJK_RUN.findall(text)) - CJK_ON_ENGLISH_PAGES) for path, text in english.items()}
    latin = {path: words for path, words in latin.items() if words}
    cjk = {path: runs for path, runs in cjk.items() if runs}
    assert not latin, f"Latin words on Chinese pages: {latin}"
    assert not cjk, f"Chinese on English pages: {cjk}"

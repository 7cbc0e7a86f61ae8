"""The chrome of every page rendered once with the request's values written in
({% memoised_html %} with {% per_request %}, core/templatetags/core_tags.py):
the reading-mode switch per language and mode, each alert banner, the
language switcher and alternate links per page.

Each test renders a page first, so its fragments are memoised, then asks
again with what must differ: another address or query string (the holes),
another mode or language (the key), a publish (the tags and `on`). A
fragment kept without its holes would give every visitor the first one's
links; one keyed without the mode or the language, the wrong switch.
"""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import timezone

from core.templatetags import core_tags
from tests.factories import AdvisoryPageFactory, add_english, after_commit, republish
from tests.pages import html

pytestmark = pytest.mark.django_db

BANNER_NEXT = re.compile(r'<input type="hidden" name="next" value="([^"]*)">')
LARGE_CURRENT = 'data-reading-mode="easy" aria-current="true">'


def built(memo_builds, name):
    return [key for key in memo_builds if key[0] == "fragment" and key[1] == name]


def test_the_reading_mode_switch_is_rendered_once_per_language_and_mode(client, memo_builds):
    standard = html(client, "/zh-hans/about/")
    assert [key[3:] for key in built(memo_builds, "reading mode")] == [("zh-hans", "standard")]
    assert 'href="/zh-hans/about/?easy=1"' in standard and LARGE_CURRENT not in standard

    memo_builds.clear()
    from_wechat = html(client, "/zh-hans/about/?from=wechat")
    assert built(memo_builds, "reading mode") == []  # kept, with this request's links written in
    assert 'href="/zh-hans/about/?easy=1&amp;from=wechat"' in from_wechat
    assert 'href="/zh-hans/about/?easy=1"' not in from_wechat

    easy = html(client, "/zh-hans/about/?easy=1")
    assert LARGE_CURRENT in easy  # its own mode's switch, not the standard one's
    english = html(client, "/en/")
    assert [key[3:] for key in built(memo_builds, "reading mode")] == [("zh-hans", "easy"), ("en", "standard")]
    assert "Leave elder-friendly mode" in english and "Leave elder-friendly mode" not in standard


@pytest.fixture
def alert():
    from advisories.models import AdvisoryIndexPage
    from tests.factories import index_of

    index_of(AdvisoryIndexPage, "zh-hans")
    page = AdvisoryPageFactory(
        title="红海航运安全预警", severity="alert", expires=timezone.localdate() + timedelta(days=5)
    )
    after_commit(add_english, page, title="Red Sea shipping security alert")
    return page


def test_a_banner_is_rendered_once_and_sends_back_to_the_page_it_is_on(client, alert, memo_builds):
    assert BANNER_NEXT.findall(html(client, "/zh-hans/")) == ["/zh-hans/"]
    assert len(built(memo_builds, "banner")) == 1

    memo_builds.clear()
    filtered = html(client, "/zh-hans/advisories/?country=KH&kind=legal")
    assert built(memo_builds, "banner") == []
    assert BANNER_NEXT.findall(filtered) == ["/zh-hans/advisories/?country=KH&amp;kind=legal"]
    english = html(client, "/en/")
    assert "Red Sea shipping security alert" in english and "红海航运安全预警" not in english


def test_a_renamed_alert_is_shown_at_once_in_its_language(client, alert):
    assert "红海航运安全预警" in html(client, "/zh-hans/")
    republish(alert, title="红海航运安全预警（更新）")
    page = html(client, "/zh-hans/")
    assert "红海航运安全预警（更新）" in page
    assert "Red Sea shipping security alert" in html(client, "/en/")


def test_the_switcher_and_alternates_are_kept_per_page_and_follow_a_translation(client, memo_builds):
    advisory = AdvisoryPageFactory(title="柬埔寨税务提示", slug="kh-tax")
    other = AdvisoryPageFactory(title="老挝税务提示", slug="la-tax")
    before = html(client, advisory.url)
    assert len(built(memo_builds, "language switcher")) == len(built(memo_builds, "alternates")) == 1
    assert 'href="/en/?untranslated=1"' in before and 'hreflang="en" href=' not in before

    memo_builds.clear()
    html(client, advisory.url)
    assert built(memo_builds, "language switcher") == built(memo_builds, "alternates") == []

    english = add_english(advisory, title="Cambodia tax notice")
    after = html(client, advisory.url)
    assert f'href="{english.url}" hreflang="en"' in after and "?untranslated=1" not in after
    assert re.search(rf'<link rel="alternate" hreflang="en" href="[^"]*{re.escape(english.url)}">', after)
    other_html = html(client, other.url)  # its own page's, not the first one's
    assert other.url in other_html and english.url not in other_html


def test_a_view_that_is_no_page_links_its_own_address_in_the_other_language(client):
    hits = core_tags._translated_path.cache_info().hits
    first = html(client, "/en/search/?q=investment")
    second = html(client, "/en/search/?q=tax")
    assert 'href="/zh-hans/search/?q=investment"' in first
    assert 'href="/zh-hans/search/?q=tax"' in second and "q=investment" not in second
    assert core_tags._translated_path.cache_info().hits > hits  # the path translated once, not per request


def render(source, request, **values):
    return Template("{% load core_tags %}" + source).render(Context({"request": request, **values}))


def test_a_per_request_value_is_written_into_the_kept_html_escaped(memo_builds):
    source = (
        '{% memoised_html "test" until="site" %}<a href="{% per_request next %}">{{ label }}</a>{% endmemoised_html %}'
    )
    request = RequestFactory().get("/zh-hans/")
    assert render(source, request, next="/a/?b=1", label="一") == '<a href="/a/?b=1">一</a>'
    assert (
        render(source, request, next='/a/?b=1&c="<x>"', label="二")
        == '<a href="/a/?b=1&amp;c=&quot;&lt;x&gt;&quot;">一</a>'
    )
    assert len(built(memo_builds, "test")) == 1  # the label is kept; only the hole is per request


@pytest.mark.parametrize(
    "source",
    [
        '{% memoised_html "t" until="site" %}{% for x in xs %}{% per_request x %}{% endfor %}{% endmemoised_html %}',
        '{% memoised_html "t" until="site" %}{% with x=1 %}{% per_request x %}{% endwith %}{% endmemoised_html %}',
        "{% per_request x %}",
    ],
)
def test_a_per_request_value_is_read_around_a_fragment_only(source):
    """Read in the context around the fragment, a loop's or a with's variable
    would be empty there: refused when the template is read."""
    with pytest.raises(TemplateSyntaxError):
        Template("{% load core_tags %}" + source)


def test_a_fragment_with_per_request_values_is_refused_inside_another(memo_builds):
    """The outer fragment would keep the inner one's values as first rendered."""
    source = (
        '{% memoised_html "outer" until="site" %}'
        '{% memoised_html "inner" until="site" %}{% per_request next %}{% endmemoised_html %}'
        "{% endmemoised_html %}"
    )
    with pytest.raises(TemplateSyntaxError):
        render(source, RequestFactory().get("/zh-hans/"), next="/a/")

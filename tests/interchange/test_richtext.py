"""Rich text on export: imported text unchanged, admin-made text brought
into the format's small tag set."""

import pytest

from interchange.richtext import canonical_html, is_bundle_html, to_bundle_html


def test_text_that_fits_the_format_is_returned_byte_for_byte():
    html = '<p>A &amp; B<br>C</p><ul><li><a href="https://example.org/?a=1&amp;b=2">x</a></li></ul>'
    assert to_bundle_html(html) == html


@pytest.mark.parametrize(
    ("stored", "exported"),
    [
        ("<h2>Title</h2><p><b>bold</b> <i>it</i></p>", "<h3>Title</h3><p><strong>bold</strong> <em>it</em></p>"),
        ('<p class="x" data-block-key="a1">text</p>', "<p>text</p>"),
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<p>see <a href="javascript:evil()">this</a></p>', "<p>see this</p>"),
        ("<p>unclosed <strong>bold", "<p>unclosed <strong>bold</strong></p>"),
        ("<blockquote><p>quoted</p></blockquote><hr>", "<p>quoted</p>"),
        ("<p><b>x</b> &lt; y</p>", "<p><strong>x</strong> &lt; y</p>"),
    ],
)
def test_other_markup_is_rewritten(stored, exported):
    assert to_bundle_html(stored) == exported
    assert is_bundle_html(exported)


@pytest.mark.django_db
def test_internal_links_become_public_urls(home):
    assert to_bundle_html(f'<p><a linktype="page" id="{home.pk}">home</a></p>') == '<p><a href="/zh-hans/">home</a></p>'


@pytest.mark.django_db
def test_embedded_images_are_dropped(home):
    html = '<p>before</p><embed embedtype="image" id="999" format="fullwidth" alt="x"/><p>after</p>'
    assert to_bundle_html(html) == "<p>before</p><p>after</p>"


def test_canonical_html_spells_the_same_markup_one_way():
    assert canonical_html("<p>a<br/>b &amp; c</p>") == canonical_html("<p>a<br>b &#38; c</p>")
    assert canonical_html("<p>a</p>") != canonical_html("<p>b</p>")

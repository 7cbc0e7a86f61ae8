import pytest

from search.highlight import highlight, snippet
from search.query import parse

# Queries are expanded with the alias dictionary (search.aliases), which is read from the database.
pytestmark = pytest.mark.django_db


def test_chinese_words_and_english_stems_are_marked():
    html = highlight("Registration for the 西港特区 briefing", parse("registering 西港"))
    assert html == "<mark>Registration</mark> for the <mark>西港</mark>特区 briefing"


def test_text_is_escaped():
    html = highlight("<script>alert(1)</script> tax treaty", parse("treaty"))
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; tax <mark>treaty</mark>"


def test_snippets_are_cut_around_the_first_match():
    text = "前言。" * 100 + "企业应保护知识产权。" + "结语。" * 100
    html = snippet(text, parse("知识产权"))
    assert "<mark>知识产权</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 260


def test_english_snippets_are_not_cut_inside_words():
    text = "Lorem ipsum dolor sit amet, " * 12 + "apply for foreign exchange registration at a bank " + "etc. " * 60
    html = snippet(text, parse("registration"))
    inner = html.removeprefix("… ").removesuffix(" …")
    assert text.find(inner.replace("<mark>", "").replace("</mark>", "")) != -1
    assert inner.split()[0] in text.split() and inner.split()[-1] in text.split()


def test_aliases_are_marked_too():
    assert highlight("西哈努克港装卸作业可能延误", parse("西港")) == "<mark>西哈努克港</mark>装卸作业可能延误"

"""Finding 3 of issue 14: text stored before the plain-text rule existed (here
written straight to the database) cannot break a feed."""

import xml.etree.ElementTree as ET

import pytest

from advisories.models import AdvisoryPage
from tests.factories import AdvisoryPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def pasted_from_word(index_zh):
    """An advisory whose summary holds Word's Shift+Enter (U+000B) and some markup-looking text."""
    advisory = AdvisoryPageFactory(title="柬埔寨治安预警", kind="security", countries=["KH"])
    stored = AdvisoryPage.objects.filter(pk=advisory.pk)
    stored.update(title="柬埔寨\x0c治安预警", summary="第一行\x0b第二行 <b>a & b</b>")
    return advisory


@pytest.mark.parametrize("route", ["feed/", "feed/kind/security/", "feed/country/KH/"])
def test_a_control_character_in_stored_text_does_not_break_the_feeds(client, index_zh, pasted_from_word, route):
    response = client.get(index_zh.url + route)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, in a test
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "柬埔寨治安预警"
    summary = entry.find(f"{ATOM}summary")
    # Plain text, sent as such: a reader shows "<b>" as typed, not as markup.
    assert summary.get("type") == "text"
    assert summary.text == "第一行第二行 <b>a & b</b>"


def test_a_line_break_in_a_stored_title_becomes_one_line_in_the_feed(client, index_zh):
    advisory = AdvisoryPageFactory(title="柬埔寨治安预警")
    AdvisoryPage.objects.filter(pk=advisory.pk).update(title="柬埔寨\r\n治安预警")
    root = ET.fromstring(client.get(index_zh.url + "feed/").content)  # noqa: S314 - our own output, in a test
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "柬埔寨 治安预警"

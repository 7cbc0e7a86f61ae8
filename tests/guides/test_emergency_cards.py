"""Emergency cards: the public page in both languages, the printable
bilingual sheet, the vCard, the link from the guide and from an event's
confirmation e-mail, and the editors' out-of-date list."""

import re
from datetime import date

import pytest

from events.emails import registration_email
from guides.staleness import stale_for_editors
from tests.factories import (
    CountryGuidePageFactory,
    DirectoryEntryFactory,
    EmergencyCardFactory,
    EventPageFactory,
    register_verified,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(db):
    return EmergencyCardFactory(english=True)


def test_the_card_page_in_both_languages(client, card, zh_index, en_index):
    DirectoryEntryFactory(kind="chamber", name="柬埔寨中国商会", country="KH", phone="+85523888999")
    zh = client.get(zh_index.emergency_card_url("KH")).content.decode()
    embassy = "中华人民共和国驻柬埔寨王国大使馆"
    numbers = ("+86-10-12308", "+855 23 720 920", "117")
    for expected in ("紧急联络卡", embassy, *numbers, "护照遗失", "柬埔寨中国商会", "示例号码"):
        assert expected in zh, expected
    en = client.get(en_index.emergency_card_url("KH")).content.decode()
    for expected in ("Emergency card: Cambodia", "Embassy of China in Cambodia", "Lost passport", "Example numbers"):
        assert expected in en, expected
    assert client.get(zh_index.emergency_card_url("VN")).status_code == 404


def test_the_guide_links_its_card(client, card, zh_index):
    guide = CountryGuidePageFactory(country="KH")
    assert zh_index.emergency_card_url("KH") in client.get(guide.url).content.decode()
    other = CountryGuidePageFactory(country="VN", slug="vn")
    assert "/emergency/" not in client.get(other.url).content.decode()


def test_the_printable_card_has_both_languages_on_one_a4_sheet_without_external_files(client, card, zh_index):
    html = client.get(zh_index.emergency_card_url("KH", route="emergency_card_print")).content.decode()
    assert html.count('class="side side--') == 4  # each language's front and back (tests/browser: one A4 page)
    assert "emergency-card-print.css" in html and 'href="tel:' not in html
    assert "中华人民共和国驻柬埔寨王国大使馆" in html and "Embassy of China in Cambodia" in html
    assert "<script" not in html and not re.search(r'(src|href)="(https?:)?//', html)  # nothing from elsewhere


def test_the_vcard_lists_the_missions(client, card, zh_index):
    response = client.get(zh_index.emergency_card_url("KH", route="emergency_vcard"))
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and text.endswith("END:VCARD\r\n")
    assert "TEL;TYPE=voice,work;VALUE=uri:tel:+85523720920" in text
    assert "FN:中华人民共和国驻柬埔寨王国大使馆" in text


def test_a_confirmation_for_an_event_held_abroad_links_the_card(card):
    event = EventPageFactory(countries=["KH"], online=False)
    message = registration_email(register_verified(event), "confirmed")
    assert "/zh-hans/guides/emergency/KH/" in message.body
    online = EventPageFactory(countries=["KH"], online=True, venue="腾讯会议")
    assert "/emergency/" not in registration_email(register_verified(online), "confirmed").body


def test_editors_see_cards_and_guides_out_of_date(card, fixed_today):
    """stale_for_editors() is what the report and the dashboard panels call."""
    CountryGuidePageFactory(country="KH", currency="KHR", currency_verified=date(2025, 1, 10))
    CountryGuidePageFactory(country="VN", slug="vn", currency="VND", currency_verified=date(2026, 9, 1))
    assert [(item.kind, item.due) for item in stale_for_editors(fixed_today)] == [("guide", date(2026, 1, 10))]
    later = stale_for_editors(date(2027, 4, 1))  # six months after the card's review
    assert [(item.kind, item.due) for item in later] == [
        ("guide", date(2026, 1, 10)),
        ("emergency-card", date(2027, 4, 1)),
    ]


def test_the_report_lists_a_guide_the_public_sees_as_out_of_date(fixed_today):
    """A guide reviewed twelve months ago shows the public its "may be out
    of date" notice; the editors' report lists it too, with its facts all
    verified, due from the anniversary of its review."""
    CountryGuidePageFactory(country="KH", reviewed=date(2025, 10, 1))
    CountryGuidePageFactory(country="VN", slug="vn", reviewed=date(2026, 1, 1))
    items = stale_for_editors(fixed_today)
    assert [(item.kind, item.due) for item in items] == [("guide", date(2026, 10, 1))]
    assert "2025-10-01" in items[0].reason


def test_the_out_of_date_report_lists_them_for_editors(client, editor, card):
    CountryGuidePageFactory(country="KH", currency="KHR")  # a fact never verified
    client.force_login(editor)
    html = client.get("/admin/reports/out-of-date/").content.decode()
    assert "KH 投资指南" in html


def test_editors_can_edit_cards_in_the_admin(client, editor, card):
    """Without the data migration granting the permissions, editors would get 403."""
    client.force_login(editor)
    response = client.get(f"/admin/snippets/guides/emergencycard/edit/{card.pk}/")
    assert response.status_code == 200

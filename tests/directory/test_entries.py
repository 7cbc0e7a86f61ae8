"""The entry model: validation, sort keys, synchronised structure, search."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import strip_tags

from core.areas import content_area
from directory.models import DirectoryEntry, EntryStatus
from directory.validation import canonical_language_tag, parse_languages, parse_services
from tests.factories import DirectoryEntryFactory, add_english

pytestmark = pytest.mark.django_db


def unsaved(locale, **fields):
    values = {"key": "lotus", "name": "Lotus", "kind": "consulting", "city": "Phnom Penh"}
    values.update(fields)
    return DirectoryEntryFactory.build(locale=locale, **values)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("country", "kh"),
        ("kind", "spaceport"),
        ("status", "hidden"),
        ("phone", "+855 23 880 012"),  # must be stored in E.164
        ("phone", "+1"),
        ("email", "info@"),
        ("website", "not a url"),
        ("languages", ["zh", "no such"]),
        ("languages", "zh"),
        ("services", ["tax", "teleportation"]),
        ("key", "Lotus Bay"),
        ("key", "apply"),
    ],
)
def test_the_model_refuses_bad_values(en, field, value):
    with pytest.raises(ValidationError) as error:
        unsaved(en, **{field: value}).full_clean()
    assert field in error.value.message_dict


def test_the_model_accepts_good_values(en):
    unsaved(
        en, phone="+85523880012", languages=["zh-Hant", "km"], services=["tax"], website="https://a.example"
    ).full_clean()


def test_keys_are_unique_per_locale_only(zh, en):
    DirectoryEntryFactory(locale=zh, key="lotus", name="莲花")
    DirectoryEntryFactory(locale=en, key="lotus", name="Lotus")  # the same key in another locale is its translation's
    with pytest.raises(ValidationError) as error, translation.override("en"):
        unsaved(zh, key="lotus").full_clean()
    assert error.value.messages == ["Another entry in this language already has this key."]


def test_sort_names_follow_the_entrys_language(zh, en):
    assert DirectoryEntryFactory(locale=zh, key="a", name="澳门咨询").sort_name == "ao4 men2 zi1 xun2"
    assert DirectoryEntryFactory(locale=en, key="b", name="Atlas LAW").sort_name == "atlas law"


def test_structure_is_copied_to_translations_but_text_is_not(zh, en):
    source = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询", phone="+85523880012")
    english = add_english(source, **{"name": "Lotus Advisory", "city": "Phnom Penh"})
    source.phone = "+85523880099"
    source.services = ["tax", "audit"]
    source.verified_on = datetime.date(2026, 1, 5)
    source.name = "莲花咨询公司"
    source.save()
    english.refresh_from_db()
    assert (english.phone, english.services, english.verified_on) == (
        "+85523880099",
        ["tax", "audit"],
        datetime.date(2026, 1, 5),
    )
    assert english.name == "Lotus Advisory"
    assert english.sort_name == "lotus advisory"


def test_a_translation_does_not_push_its_structure_to_the_source(zh, en):
    source = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询")
    english = add_english(source, **{"name": "Lotus Advisory", "city": "Phnom Penh"})
    english.status = EntryStatus.WITHDRAWN
    english.save()
    source.refresh_from_db()
    assert source.status == EntryStatus.LISTED


@pytest.mark.parametrize(
    ("verified_on", "today", "stale"),
    [
        (None, datetime.date(2026, 6, 1), True),
        (datetime.date(2025, 6, 1), datetime.date(2026, 6, 1), False),  # exactly twelve months
        (datetime.date(2025, 5, 31), datetime.date(2026, 6, 1), True),
        (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29), False),
        (datetime.date(2023, 2, 27), datetime.date(2024, 2, 29), True),
    ],
)
def test_verification_goes_stale_after_twelve_months(en, verified_on, today, stale):
    assert unsaved(en, verified_on=verified_on).verification_is_stale(today) is stale


def test_search_finds_listed_entries_only_when_filtered_by_status(en):
    DirectoryEntryFactory(locale=en, key="open", name="Harbour Lights Legal")
    DirectoryEntryFactory(locale=en, key="waiting", name="Harbour Waiting Legal", status=EntryStatus.PENDING)
    DirectoryEntryFactory(locale=en, key="gone", name="Harbour Gone Legal", status=EntryStatus.WITHDRAWN)
    everything = {entry.key for entry in DirectoryEntry.objects.search("Harbour")}
    assert everything == {"open", "waiting", "gone"}  # editors search all of them in the admin
    public = {entry.key for entry in content_area("directory").public(en).search("Harbour")}
    assert public == {"open"}


def test_withdrawn_entries_drop_out_of_public_search_in_every_language(zh, en):
    source = DirectoryEntryFactory(locale=zh, key="lights", name="港灯律师")
    add_english(source, **{"name": "Harbour Lights Legal", "city": "Hong Kong"})
    assert [e.key for e in content_area("directory").public(en).search("Harbour")] == ["lights"]
    source.status = EntryStatus.WITHDRAWN
    source.save()
    assert list(content_area("directory").public(en).search("Harbour")) == []


# ---------------------------------------------------------------- parsing lists


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("zh, en, km", ["zh", "en", "km"]),
        ("zh en\tkm", ["zh", "en", "km"]),
        ("中文、英语；高棉语", ["zh", "en", "km"]),
        ("Chinese, English, Khmer", ["zh", "en", "km"]),
        ("zh-hant, PT_br, yue", ["zh-Hant", "pt-BR", "yue"]),
        ("zh, zh, ZH", ["zh"]),
        ("", []),
    ],
)
def test_languages_are_read_as_codes_or_names(text, tags):
    assert parse_languages(text) == tags


def test_unknown_languages_are_all_named():
    with pytest.raises(ValidationError) as error:
        parse_languages("zh, Elvish, xx-yy-zz")
    assert "“Elvish”" in error.value.messages[0] and "“xx-yy-zz”" in error.value.messages[0]


def test_services_are_read_as_keys():
    assert parse_services("company-setup, TAX；ip") == ["company-setup", "tax", "ip"]
    with pytest.raises(ValidationError, match="“shipping”"):
        parse_services("tax, shipping")


def test_canonical_language_tags():
    assert [canonical_language_tag(t) for t in ("ZH-HANS-CN", "es-419", "sr_latn")] == [
        "zh-Hans-CN",
        "es-419",
        "sr-Latn",
    ]


def test_deleting_the_source_entry_deletes_its_translations(zh, en):
    source = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询")
    english = add_english(source, **{"name": "Lotus Advisory", "city": "Phnom Penh"})
    other = DirectoryEntryFactory(locale=zh, key="other", name="其他")
    source.delete()
    assert not DirectoryEntry.objects.filter(pk=english.pk).exists()
    assert DirectoryEntry.objects.filter(pk=other.pk).exists()


def test_deleting_a_translation_keeps_the_source(zh, en):
    source = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询")
    add_english(source, **{"name": "Lotus Advisory", "city": "Phnom Penh"}).delete()
    assert DirectoryEntry.objects.filter(pk=source.pk).exists()


def test_an_entry_knows_its_public_url(zh, en):
    listed = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询")
    assert listed.get_url() == "/zh-hans/directory/lotus/"
    assert DirectoryEntryFactory(locale=en, key="lotus", name="Lotus").get_url() == "/en/directory/lotus/"
    assert DirectoryEntryFactory(locale=zh, key="waiting", name="待审", status=EntryStatus.PENDING).get_url() is None


def test_the_site_search_shows_listed_entries_only(client, en):
    DirectoryEntryFactory(locale=en, key="open", name="Harbour Lights Legal")
    DirectoryEntryFactory(locale=en, key="waiting", name="Harbour Waiting Legal", status=EntryStatus.PENDING)
    DirectoryEntryFactory(locale=en, key="gone", name="Harbour Gone Legal", status=EntryStatus.WITHDRAWN)
    response = client.get("/en/search/?q=Harbour")
    assert response.status_code == 200
    html = response.content.decode()
    text = strip_tags(html)  # the search may highlight the words it found
    assert "Harbour Lights Legal" in text and 'href="/en/directory/open/"' in html
    assert "Waiting" not in text and "Gone" not in text
    assert "/directory/waiting/" not in html and "/directory/gone/" not in html

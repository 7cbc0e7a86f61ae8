"""Emergency cards in the bundle (format 1.1): validated with JSON paths,
imported as translatable snippets matched by country, idempotent, exported back."""

import copy

import pytest
from wagtail.models import ModelLogEntry
from wagtail_localize.models import Translation

from guides.models import EmergencyCard
from interchange.exporter import export_bundle
from interchange.importer import import_bundle
from interchange.validation import validate_bundle

from .bundles import bundle

pytestmark = pytest.mark.usefixtures("english")

_CARD = {
    "country": "LA",
    "reviewed": "2026-11-20",
    "numbers_are_examples": True,
    "police": "1191",
    "ambulance": "1195",
    "fire": "1190",
    "centre_incident_phone": "+86 571 8888 0000",
    "centre_incident_email": "incident@example.org",
    "translations": {
        "zh-hans": {
            "missions": [
                {
                    "kind": "embassy",
                    "name": "中国驻老挝大使馆",
                    "address": "万象市某路1号",
                    "phone": "+856 21 000 001",
                    "consular_phone": "+856 20 5555 1234",
                    "hours": "周一至周五 8:00–11:30",
                    "district": "老挝全境",
                }
            ],
            "first_steps": [{"incident": "lost-passport", "steps": ["向当地警方报案", "联系使馆办理旅行证"]}],
        },
        "en": {
            "missions": [
                {
                    "kind": "embassy",
                    "name": "Embassy of China in Laos",
                    "address": "1 Example Road, Vientiane",
                    "phone": "+856 21 000 001",
                    "consular_phone": "+856 20 5555 1234",
                    "hours": "Mon–Fri 8:00–11:30",
                    "district": "All of Laos",
                }
            ],
            "first_steps": [
                {
                    "incident": "lost-passport",
                    "steps": ["Report it to the police", "Ask the embassy for a travel document"],
                }
            ],
        },
    },
}


def card(**changes):
    return {**copy.deepcopy(_CARD), **changes}


def cards_bundle(*cards):
    return {"format": "outbound-content/1.1", "emergency_cards": list(cards)}


def problems(data):
    return [str(problem) for problem in validate_bundle(data)]


def test_a_valid_card_passes_and_the_list_is_optional():
    assert problems(cards_bundle(card())) == []
    assert problems(bundle()) == []  # a bundle without cards is still valid


def test_card_problems_are_reported_with_their_json_paths():
    """Each rule of EMERGENCY_CARD reports at the field's path: without it the item would pass."""
    bad = card(country="XX", reviewed="20-11-2026", centre_incident_phone="12345", police="<b>1191</b>")
    mission = bad["translations"]["zh-hans"]["missions"][0]
    mission["kind"] = "office"
    del mission["name"]
    bad["translations"]["en"]["first_steps"][0]["steps"] = []
    bad["translations"]["en"]["first_steps"][0]["incident"] = "flood"
    bad["translations"]["en"]["colour"] = "red"
    found = problems(cards_bundle(bad, card()))
    paths = {problem.split(": ")[0] for problem in found}
    assert paths == {
        "emergency_cards[0].country",
        "emergency_cards[0].reviewed",
        "emergency_cards[0].centre_incident_phone",
        "emergency_cards[0].police",
        "emergency_cards[0].translations.zh-hans.missions[0].kind",
        "emergency_cards[0].translations.zh-hans.missions[0].name",
        "emergency_cards[0].translations.en.first_steps[0].steps",
        "emergency_cards[0].translations.en.first_steps[0].incident",
        "emergency_cards[0].translations.en.colour",
    }


def test_a_translation_with_other_phone_numbers_is_refused():
    """Without same_numbers_in_every_language the English card could give another number."""
    bad = card()
    bad["translations"]["en"]["missions"][0]["phone"] = "+856 21 315 100"
    assert problems(cards_bundle(bad)) == [
        "emergency_cards[0].translations.en.missions: must list the zh-hans missions in the same order,"
        " with the same kind and phone numbers"
    ]


@pytest.mark.parametrize("region", ["HK", "MO", "TW"])
def test_a_card_for_a_region_of_china_is_refused(region):
    """No Chinese embassy and no consular protection there (core.vocabularies.REGIONS_OF_CHINA):
    with the plain country-code rule the card would pass."""
    found = problems(cards_bundle(card(country=region)))
    assert [problem.split(": ")[0] for problem in found] == ["emergency_cards[0].country"]
    assert "part of China" in found[0]


@pytest.mark.django_db
def test_the_admin_refuses_a_card_for_a_region_of_china_in_the_editors_language(zh):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as refused:
            EmergencyCard(country="HK", locale=zh, reviewed="2026-11-20", police="999").full_clean()
        assert "中国香港特别行政区是中国的一部分" in str(refused.value.message_dict["country"])


def test_a_second_card_for_the_same_country_is_refused():
    found = problems(cards_bundle(card(), card()))
    assert found == ["emergency_cards[1].country: duplicate key 'LA' (first used at emergency_cards[0])"]


@pytest.mark.django_db
def test_a_card_is_imported_as_a_translated_snippet_and_reimported_unchanged(zh, en):
    """The second import compares before saving: without that it would save and log an edit."""
    result = import_bundle(cards_bundle(card()))
    assert result.problems == [] and result.notes == []
    assert dict(result.counts["emergency_cards"]) == {"created": 1}
    source = EmergencyCard.objects.get(locale=zh, country="LA")
    assert source.numbers_are_examples and source.police == "1191"
    assert source.missions[0].value["name"] == "中国驻老挝大使馆"
    assert list(source.first_steps[0].value["steps"]) == ["向当地警方报案", "联系使馆办理旅行证"]
    english = source.get_translation(en)
    assert english.missions[0].value["name"] == "Embassy of China in Laos"
    assert list(english.first_steps[0].value["steps"])[1] == "Ask the embassy for a travel document"
    assert english.police == "1191"
    # A synced wagtail-localize translation, as the translation editor keeps it.
    assert Translation.objects.filter(source__object_id=source.translation_key, target_locale=en, enabled=True).exists()

    history = ModelLogEntry.objects.count()
    again = import_bundle(cards_bundle(card()))
    assert dict(again.counts["emergency_cards"]) == {"unchanged": 1}
    assert ModelLogEntry.objects.count() == history


@pytest.mark.django_db
def test_a_changed_card_is_updated_in_place(zh, en):
    assert import_bundle(cards_bundle(card())).ok
    pk = EmergencyCard.objects.get(locale=zh).pk
    changed = card(police="1190")
    changed["translations"]["en"]["missions"][0]["hours"] = "Mon–Fri 8:00–12:00"
    result = import_bundle(cards_bundle(changed))
    assert dict(result.counts["emergency_cards"]) == {"updated": 1}
    source = EmergencyCard.objects.get(locale=zh)
    assert source.pk == pk and source.police == "1190"
    assert source.get_translation(en).missions[0].value["hours"] == "Mon–Fri 8:00–12:00"
    assert EmergencyCard.objects.count() == 2


@pytest.mark.django_db
def test_cards_are_held_back_under_draft(zh, en):
    """Cards have no draft state: a draft import must not publish one."""
    result = import_bundle(cards_bundle(card()), draft=True)
    assert dict(result.counts["emergency_cards"]) == {"held back": 1}
    assert [str(note) for note in result.notes] == [
        "emergency_cards[0]: held back: emergency cards have no drafts; import without --draft"
    ]
    assert not EmergencyCard.objects.exists()


@pytest.mark.django_db
def test_export_gives_the_imported_card_back_and_says_format_1_1(zh, en):
    """Without the cards in `_uses_format_1_1` the export would claim version 1."""
    assert import_bundle(cards_bundle(card())).ok
    exported = export_bundle(["emergency_cards"])
    assert exported == cards_bundle(card())
    assert problems(exported) == []


@pytest.mark.django_db
def test_a_site_without_cards_exports_no_card_list(zh, en):
    assert import_bundle(bundle()).ok
    assert "emergency_cards" not in export_bundle()
    assert export_bundle()["format"] == "outbound-content/1"

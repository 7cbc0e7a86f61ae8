"""Model rules: validation, translation of text vs synchronisation of structure, search fields."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from core.related import country_guide_urls
from core.translation import translate
from guides.blocks import ContactBlock, GuideSectionsBlock, TableBlock
from guides.models import CountryGuidePage
from tests.factories import (
    CountryGuidePageFactory,
    english_of,
    sections_to_stream,
    stream_to_sections,
    translated_stream,
)


@pytest.mark.django_db
def test_one_guide_per_country_and_language(zh_index):
    CountryGuidePageFactory(country="KH", english=True)
    duplicate = CountryGuidePageFactory.build(country="KH", slug="kh-2", title="又一份")
    with pytest.raises(ValidationError) as error:
        zh_index.add_child(instance=duplicate)
    assert "country" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("region", "atlantis"),
        ("risk_level", "extreme"),
        ("initiatives", ["bri", "silk-road"]),
        ("sectors", ["textiles", 3]),
        ("currency", "RMB"),
        ("time_zone", "Asia/Beijing"),
        ("population_millions", -1),
        ("reviewed", date(2026, 11, 16)),  # the day after the fixed today
        ("capital_verified", date(2030, 1, 1)),
    ],
)
def test_bad_structure_values_are_refused_before_anything_is_written(zh_index, field, value):
    values = {"country": "KH", "region": "southeast-asia", "risk_level": "low", "reviewed": date(2026, 1, 1)}
    values[field] = value
    page = CountryGuidePageFactory.build(**values)
    with pytest.raises(ValidationError) as error:
        zh_index.add_child(instance=page)
    assert field in error.value.message_dict
    assert not CountryGuidePage.objects.exists()


@pytest.mark.django_db
def test_good_codes_are_accepted_and_lists_kept_in_vocabulary_order(zh_index):
    page = CountryGuidePageFactory(
        country="AE",
        region="west-asia",
        initiatives=["rcep", "bri"],
        sectors=["logistics", "auto-parts", "logistics"],
        currency="AED",
        time_zone="Asia/Dubai",
    )
    page.refresh_from_db()
    assert page.initiatives == ["bri", "rcep"]
    assert page.sectors == ["auto-parts", "logistics"]


def test_structure_is_synchronised_and_text_translated():
    fields = {field.field_name: type(field) for field in get_translatable_fields(CountryGuidePage)}
    for name in ("country", "region", "initiatives", "sectors", "risk_level", "reviewed", "currency"):
        assert fields[name] is SynchronizedField, name
    for name in ("population_millions", "gdp_usd_billions", "time_zone", "capital_verified", "slug"):
        assert fields[name] is SynchronizedField, name
    for name in ("title", "summary", "capital", "capital_source", "sections"):
        assert fields[name] is TranslatableField, name


@pytest.mark.django_db
def test_a_translation_follows_the_source_structure_and_keeps_its_own_text(en):
    page = CountryGuidePageFactory(
        country="KH", english=True, risk_level="medium", population_millions=17.6, capital="金边"
    )
    english = english_of(page)
    assert (english.country, english.region, english.population_millions) == ("KH", "southeast-asia", 17.6)
    assert english.title == "KH investment guide" and english.capital == "金边 (en)"
    page.risk_level = "high"
    page.sectors = ["textiles"]
    page.population_millions = 17.8
    page.save_revision().publish()
    english = translate(
        page,
        en,
        {
            "title": "KH investment guide",
            "capital": "Phnom Penh",
            "sections": translated_stream(page.sections, stream_to_sections(english.sections)),
        },
    )
    assert (english.risk_level, english.sectors, english.population_millions) == ("high", ["textiles"], 17.8)
    assert english.capital == "Phnom Penh"
    assert [s["heading"] for s in stream_to_sections(english.sections)] == ["Section 1", "Section 2"]


def test_contact_needs_a_way_to_reach_it_and_an_international_phone_number():
    contact = ContactBlock()
    with pytest.raises(StructBlockValidationError):
        contact.clean(contact.to_python({"name": "使馆", "phone": "", "email": "", "website": "", "note": ""}))
    with pytest.raises(StructBlockValidationError):
        contact.clean(contact.to_python({"name": "使馆", "phone": "12308", "email": "", "website": "", "note": ""}))
    value = contact.clean(contact.to_python({"name": "热线", "phone": "+86 10 12308", "email": "", "website": ""}))
    assert value["phone"] == "+86 10 12308"


def test_table_rows_must_match_the_columns():
    table = TableBlock()
    raw = {"caption": "税率", "header": ["税种", "税率"], "rows": [["所得税", "20%"], ["增值税"]]}
    with pytest.raises(StructBlockValidationError) as error:
        table.clean(table.to_python({**raw, "first_column_is_header": True, "source": ""}))
    assert "rows" in error.value.block_errors
    stream = GuideSectionsBlock()
    with pytest.raises(StreamBlockValidationError):
        stream.clean(stream.to_python([{"type": "table", "value": {**raw, "first_column_is_header": True}}]))


def test_search_fields_cover_text_and_filters():
    search = {(type(field).__name__, field.field_name) for field in CountryGuidePage.get_search_fields()}
    for name in ("title", "summary", "sections"):
        assert ("SearchField", name) in search
    assert ("AutocompleteField", "title") in search
    for name in ("locale", "country", "region", "risk_level", "live"):
        assert ("FilterField", name) in search


@pytest.mark.django_db
def test_search_finds_a_guide_by_the_text_of_its_sections():
    CountryGuidePageFactory(
        country="KH", sections=sections_to_stream([{"heading": "Overview", "body": "<p>Sihanoukville zone</p>"}])
    )
    CountryGuidePageFactory(country="VN")
    results = CountryGuidePage.objects.live().search("Sihanoukville")
    assert [page.country for page in results] == ["KH"]


@pytest.mark.django_db
def test_other_apps_find_the_guide_of_a_country_through_core_related(zh, en):
    CountryGuidePageFactory(country="KH", english=True)
    CountryGuidePageFactory(country="VN")
    CountryGuidePageFactory(country="MY", live=False)
    assert country_guide_urls(zh) == {"KH": "/zh-hans/guides/kh/", "VN": "/zh-hans/guides/vn/"}
    assert country_guide_urls(en) == {"KH": "/en/guides/kh/"}
    assert country_guide_urls(Locale.objects.get(language_code="en")).get("MY") is None

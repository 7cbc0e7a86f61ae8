"""What the issue asks of search, on every backend (database and OpenSearch)."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from search import service
from search.query import parse
from tests.factories import DirectoryEntryFactory

pytestmark = pytest.mark.django_db


def found(query, locale, **filters):
    outcome = service.search(parse(query), locale, per_page=100, **filters)
    return outcome, [(hit.source.key, hit.pk) for hit in outcome.page.object_list]


SOURCE_KEYS = {
    "guides.CountryGuidePage": "guides",
    "advisories.AdvisoryPage": "advisories",
    "events.EventPage": "events",
    "directory.DirectoryEntry": "directory",
}


def keys(made, *names):
    """(source key, pk) of the scenario's named items, as search results list them."""
    return [(SOURCE_KEYS[made[name]._meta.label], made[name].pk) for name in names]


def test_xigang_finds_the_cambodia_guide(scenario, zh):
    # 西港 is inside the longer word 西港特区 in the guide's summary
    outcome, hits = found("西港", zh)
    assert keys(scenario, "cambodia_zh")[0] in hits
    assert set(keys(scenario, "briefing_zh", "lawyer_zh")) <= set(hits)
    assert keys(scenario, "vietnam_zh")[0] not in hits


def test_intellectual_property_finds_ip_advisories_not_pages_that_merely_say_knowledge(scenario, zh):
    outcome, hits = found("知识产权", zh)
    assert hits[0] == keys(scenario, "ip_zh")[0]
    # 重视员工专业知识培训 contains 知识 but is not about 知识产权
    assert keys(scenario, "knowledge_zh")[0] not in hits
    assert not outcome.broadened


def test_english_stemming_registering_finds_registration(scenario, en):
    _, hits = found("registering", en)
    assert hits == keys(scenario, "registration_en")


def test_phrases_in_both_languages(scenario, zh, en):
    _, hits = found('"西港特区"', zh)
    assert keys(scenario, "cambodia_zh")[0] in hits
    _, hits = found('"special economic zone"', en)
    assert hits == keys(scenario, "cambodia_en")


@pytest.mark.parametrize("query", ["PCT", "Madrid", "西港", "投资指南", "Investment Guide"])
def test_results_never_mix_locales(scenario, zh, en, query):
    for locale in (zh, en):
        outcome = service.search(parse(query), locale, per_page=100)
        service.load_page(outcome, parse(query), None)
        assert outcome.page.object_list
        assert all(hit.obj.locale_id == outcome.locale.pk for hit in outcome.page.object_list)
        # the page's own language whenever it has a match (PCT is in both)
        # (country names and aliases such as 西港 = Sihanoukville find the page's own language)
        only_in_the_other = {en: ("投资指南",), zh: ("Madrid", "Investment Guide")}[locale]
        assert outcome.other_language == (query in only_in_the_other)
    # PCT is in one advisory per locale: each locale finds its own
    assert found("PCT", zh)[1] == keys(scenario, "ip_zh")
    assert found("PCT", en)[1] == keys(scenario, "ip_en")


def test_drafts_pending_and_withdrawn_entries_are_never_returned(scenario, zh):
    _, hits = found("西港特区", zh)
    assert hits, "the listed items should be found"
    for name in ("draft_zh", "pending_zh", "withdrawn_zh"):
        assert keys(scenario, name)[0] not in hits
    # words that occur only in them find nothing
    assert found("东部经济走廊", zh)[1] == []
    assert found("审核", zh)[1] == []
    assert found("撤销", zh)[1] == []


def test_registrants_personal_data_is_never_searchable(scenario, engine, zh):
    registration = apps.get_model("events", "Registration")
    registration.objects.create(
        event=scenario["briefing_zh"],
        status="confirmed",
        seats=1,
        company_name="滨江测试贸易有限公司",
        credit_code="91330100MA2TEST00X",
        contact_name="王小明",
        phone="+8613800000000",
        email="wang.xiaoming@example.org",
        language="zh-hans",
        consent_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    engine.refresh()
    for query in ("王小明", "滨江测试贸易", "wang.xiaoming@example.org", "91330100MA2TEST00X"):
        assert found(query, zh)[1] == [], query


def test_facets_count_types_and_countries(scenario, zh):
    outcome, _ = found("西港", zh)
    types = {facet.value: facet.count for facet in outcome.type_facets}
    assert types == {"guides": 1, "events": 1, "directory": 1}
    countries = {facet.value: facet.count for facet in outcome.country_facets}
    assert countries == {"KH": 3}
    outcome, hits = found("西港", zh, type_key="directory")
    assert hits == keys(scenario, "lawyer_zh")
    assert {facet.value: facet.count for facet in outcome.type_facets} == types  # other types stay offered


def test_all_words_first_then_any_word(scenario, en):
    outcome, hits = found("Madrid Sihanoukville", en)  # no page has both
    assert outcome.broadened
    assert set(hits) == set(keys(scenario, "ip_en", "cambodia_en"))


def test_suggestions_complete_what_is_typed(scenario, zh, en, rf):
    request = rf.get("/")
    titles = [s["title"] for s in service.suggest(parse("西港特"), zh, request)]
    assert "柬埔寨西港特区投资说明会" in titles
    titles = [s["title"] for s in service.suggest(parse("Camb"), en, request)]
    assert titles == ["Cambodia Investment Guide"]
    assert service.suggest(parse("待审核"), zh, request) == []


def test_aliases_find_the_other_name(scenario, engine, zh, en):
    # "SEZ" is the guide's "Special Economic Zone"
    assert keys(scenario, "cambodia_en")[0] in found("SEZ", en)[1]
    entry = model_entry(zh)
    engine.refresh()
    try:
        assert ("directory", entry.pk) in found("西港", zh)[1]  # the entry only says 西哈努克港
    finally:
        entry.delete()  # also removes it from an engine's index, which outlives this test's transaction
        engine.refresh()


def model_entry(zh):
    return DirectoryEntryFactory(
        locale=zh, name="西哈努克港物流服务公司", description="港口装卸和清关服务。", key="sihanouk-port-logistics"
    )


def test_facets_and_filters_follow_a_change_at_once(scenario, engine, zh):
    """A search reads its matches' countries from a memo kept until an item of
    the area changes (search.service._public_countries, edge.chrome.until_area_changes).
    Without the area's tag among the memo's tags the second search would still
    count the event under Cambodia and miss the newly listed entry; without the
    memo being per locale the entry would be counted in no language or both."""
    assert {facet.value: facet.count for facet in found("西港", zh)[0].country_facets} == {"KH": 3}
    event = scenario["briefing_zh"]
    event.countries = ["VN"]
    event.save_revision().publish()
    entry = scenario["pending_zh"]
    entry.status = "listed"
    entry.save()
    engine.refresh()
    outcome, hits = found("西港", zh)
    assert {facet.value: facet.count for facet in outcome.country_facets} == {"KH": 3, "VN": 1}
    assert {facet.value: facet.count for facet in outcome.type_facets}["directory"] == 2
    assert keys(scenario, "pending_zh")[0] in hits
    assert found("西港", zh, country="VN")[1] == keys(scenario, "briefing_zh")

"""The public change log: publishing a guide with a changed fact records the
old and new value, date and source; the guide shows it, its country's Atom
feed carries it, and the compare page marks recently changed facts, in
both languages."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from core.links import absolute_url
from guides.models import GuideChange
from tests.factories import CountryGuidePageFactory, add_english, republish

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def guide(fixed_today):
    return CountryGuidePageFactory(country="KH", currency="KHR", population_millions=17.6, risk_level="medium")


def test_publishing_a_changed_fact_records_old_and_new_value_date_and_source(guide, fixed_today):
    """Without the page_published receiver (guides/signals.py) no entry is made."""
    republish(guide, currency="USD", currency_source="柬埔寨国家银行", risk_level="high")
    entries = {entry.fact: entry for entry in GuideChange.objects.filter(guide=guide)}
    assert set(entries) == {"currency", "risk_level"}
    assert (entries["currency"].old_value, entries["currency"].new_value) == ("KHR", "USD")
    assert entries["currency"].source == "柬埔寨国家银行"
    assert entries["currency"].changed_on == fixed_today
    assert (entries["risk_level"].old_value, entries["risk_level"].new_value) == ("medium", "high")


def test_first_publication_and_an_unchanged_republish_record_nothing(guide):
    assert not GuideChange.objects.exists()
    republish(guide, summary="新的摘要。")
    assert not GuideChange.objects.exists()


def test_a_public_note_is_recorded_once(guide):
    republish(guide, change_note="劳工部分：1月1日起执行新的最低工资")
    republish(guide, title="柬埔寨投资指南（修订）")  # the same note again: not a second entry
    assert list(GuideChange.objects.values_list("note", flat=True)) == ["劳工部分：1月1日起执行新的最低工资"]


def test_the_guide_shows_last_changed_and_recent_changes_in_both_languages(client, guide, fixed_today):
    english = add_english(guide)
    republish(guide, currency="USD", currency_source="柬埔寨国家银行")
    english = add_english(guide, currency_source="National Bank of Cambodia")  # synchronised and published
    zh_html = client.get(guide.url).content.decode()
    assert "最近更新" in zh_html and "最近修改" in zh_html
    assert "货币：柬埔寨瑞尔（KHR） → 美元（USD）" in zh_html
    en_html = client.get(english.url).content.decode()
    assert "Last changed" in en_html and "Recent changes" in en_html
    assert "Currency: Cambodian Riel (KHR) → US Dollar (USD)" in en_html
    assert "National Bank of Cambodia" in en_html


def test_each_language_has_an_atom_feed_of_its_country_log(client, guide, zh_index, en_index):
    english = add_english(guide)
    republish(guide, population_millions=18.0, population_millions_source="世界银行")
    add_english(guide, population_millions_source="World Bank")
    for index, title, entry_title in (
        (zh_index, "更新记录：柬埔寨", "人口：1760万 → 1800万"),
        (en_index, "Changes: Cambodia", "Population: 17.6 million → 18 million"),
    ):
        response = client.get(index.changes_feed_url("KH"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)  # noqa: S314 - our own output, in a test
        assert feed.findtext(f"{ATOM}title") == title
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [entry_title]
        guide_in_language = english if index is en_index else guide
        assert entries[0].find(f"{ATOM}link").get("href") == absolute_url(guide_in_language)


def test_the_feed_of_a_country_without_a_guide_is_not_found(client, guide, zh_index):
    assert client.get(zh_index.changes_feed_url("VN")).status_code == 404


def test_the_compare_page_marks_facts_changed_in_the_last_90_days(client, guide, zh_index, fixed_today):
    CountryGuidePageFactory(country="VN", currency="VND")
    republish(guide, currency="USD")
    url = zh_index.compare_url(countries=["KH", "VN"])
    html = client.get(url).content.decode()
    assert html.count("badge--changed") == 1
    assert "最近90天内有变化" in html
    GuideChange.objects.update(changed_on=date(2026, 8, 1))  # more than 90 days before the fixed today
    assert "badge--changed" not in client.get(url).content.decode()

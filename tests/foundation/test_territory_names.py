"""Territory names follow official Chinese usage where CLDR differs
(core.vocabularies.COUNTRY_NAME_OVERRIDES): no page names Taiwan without
China, in either language. Every country list and name on the site comes from
core.vocabularies, so these tests go through the pages that show them: remove
the override and CLDR's 台湾 / "Taiwan" fails each of them."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from core.vocabularies import country_choices, country_name, language_name
from events.models import EventIndexPage
from guides.models import GuideIndexPage
from tests.factories import (
    AdvisoryPageFactory,
    CountryGuidePageFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    english_of,
    index_of,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "en"]
OFFICIAL = {
    "zh-hans": {"TW": "中国台湾", "HK": "中国香港特别行政区", "MO": "中国澳门特别行政区", "PS": "巴勒斯坦"},
    "en": {"TW": "Taiwan, China", "HK": "Hong Kong SAR, China", "MO": "Macao SAR, China", "PS": "Palestine"},
}
TAIWAN_WITHOUT_CHINA = re.compile(r"(?<!中国)台湾|Taiwan(?!, China)")


def assert_taiwan_named_officially(html):
    found = TAIWAN_WITHOUT_CHINA.search(html)
    assert found is None, html[max(0, found.start() - 80) : found.end() + 80]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_official_names(language):
    for code, name in OFFICIAL[language].items():
        assert country_name(code, language) == name
    assert country_name("KH", language) == {"zh-hans": "柬埔寨", "en": "Cambodia"}[language]  # CLDR's elsewhere


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_country_list_and_language_name(language):
    names = dict(country_choices(language))
    assert names["TW"] == OFFICIAL[language]["TW"]
    assert_taiwan_named_officially("\n".join(names.values()))
    assert_taiwan_named_officially(language_name("zh-Hant-TW", language))


@pytest.fixture
def taiwan_content(zh, en):
    guide = CountryGuidePageFactory(country="TW", english=True)
    CountryGuidePageFactory(country="KH", english=True)
    entry = DirectoryEntryFactory(country="TW", city="台北", languages=["zh-Hant-TW"], english={"city": "Taipei"})
    EventPageFactory(countries=["TW"], english=True)
    AdvisoryPageFactory(countries=["TW"], english=True)
    return {"guide": guide, "entry": entry}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_names_taiwan_without_china(client, taiwan_content, language):
    guide = taiwan_content["guide"] if language == "zh-hans" else english_of(taiwan_content["guide"])
    pages = [
        f"/{language}/guides/",  # filters, cards, map
        guide.url,
        f"/{language}/guides/compare/?c=TW&c=KH",
        f"/{language}/directory/",  # the country filter
        f"/{language}/directory/?country=TW",
        f"/{language}/directory/{taiwan_content['entry'].key}/",
        f"/{language}/directory/apply/",  # every country
        f"/{language}/events/",
        f"/{language}/advisories/",
        f"/{language}/advisories/subscribe/",  # every country
        f"/{language}/search/?q=TW",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert OFFICIAL[language]["TW"] in html or url.endswith("q=TW"), url
        assert_taiwan_named_officially(html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_admin_country_choice_names_taiwan_without_china(client, taiwan_content, language):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw-for-tests-only")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    pages = [
        f"/admin/pages/add/guides/countryguidepage/{index_of(GuideIndexPage).pk}/",
        f"/admin/pages/{taiwan_content['guide'].pk}/edit/",
        f"/admin/pages/add/events/eventpage/{index_of(EventIndexPage).pk}/",
        "/admin/snippets/directory/directoryentry/",  # the country filter
        f"/admin/snippets/directory/directoryentry/edit/{taiwan_content['entry'].pk}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert OFFICIAL[language]["TW"] in html, url
        assert_taiwan_named_officially(html)

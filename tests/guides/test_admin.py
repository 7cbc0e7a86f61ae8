"""Editors create and edit guides in the Wagtail admin; bad values come back as form errors."""

import pytest
from django.contrib.auth import get_user_model

from guides.models import CountryGuidePage
from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw-for-tests-only")
    client.force_login(user)
    return client


def _form(**overrides):
    data = {
        "title": "柬埔寨投资指南",
        "slug": "cambodia",
        "summary": "摘要",
        "country": "KH",
        "region": "southeast-asia",
        "initiatives": ["bri", "rcep"],
        "sectors": ["textiles"],
        "risk_level": "medium",
        "reviewed": "2026-06-01",
        "currency": "KHR",
        "population_millions": "17.6",
        "time_zone": "Asia/Phnom_Penh",
        "sections-count": "0",
    }
    data.update(overrides)
    return data


def test_the_add_form_offers_countries_by_name_and_vocabularies_as_checkboxes(admin_client, zh_index):
    html = admin_client.get(f"/admin/pages/add/guides/countryguidepage/{zh_index.pk}/").content.decode()
    assert '<option value="KH">柬埔寨</option>' in html  # the admin speaks the source language by default
    assert 'type="checkbox" name="initiatives" value="rcep"' in html
    assert 'name="sectors" value="new-energy-batteries"' in html


def test_an_editor_creates_a_guide_with_synchronised_lists(admin_client, zh_index):
    response = admin_client.post(f"/admin/pages/add/guides/countryguidepage/{zh_index.pk}/", _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CountryGuidePage.objects.get(slug="cambodia")
    assert (page.initiatives, page.sectors, page.population_millions) == (["bri", "rcep"], ["textiles"], 17.6)


@pytest.mark.parametrize(
    ("field", "value"),
    [("currency", "RMB"), ("time_zone", "Mars/Olympus"), ("initiatives", ["bri", "moon"]), ("country", "ZZ")],
)
def test_bad_values_are_form_errors_not_500s(admin_client, zh_index, field, value):
    response = admin_client.post(f"/admin/pages/add/guides/countryguidepage/{zh_index.pk}/", _form(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CountryGuidePage.objects.exists()


def test_a_second_guide_to_the_same_country_is_refused(admin_client, zh_index):
    CountryGuidePageFactory(country="KH")
    response = admin_client.post(f"/admin/pages/add/guides/countryguidepage/{zh_index.pk}/", _form(slug="cambodia-2"))
    assert response.status_code == 200
    assert "country" in response.context["form"].errors
    assert CountryGuidePage.objects.count() == 1


def test_the_edit_form_opens_for_an_existing_guide(admin_client):
    page = CountryGuidePageFactory(country="KH", capital="金边")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'value="金边"' in response.content.decode()

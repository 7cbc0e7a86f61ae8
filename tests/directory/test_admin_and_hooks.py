"""Entries in the admin (listing, filters, search, translation, permissions)
and the directory's contribution to country guides."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from core.related import country_hub
from directory.models import EntryStatus
from tests.factories import DirectoryEntryFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/directory/directoryentry/"


def test_the_admin_list_filters_by_status_kind_country_and_locale(client, editor, admin_in_english, zh, en):
    DirectoryEntryFactory(locale=zh, key="kh-law", name="柬律师", kind="law-firm", country="KH")
    DirectoryEntryFactory(
        locale=zh, key="ae-bank", name="阿银行", kind="finance", country="AE", status=EntryStatus.PENDING
    )
    DirectoryEntryFactory(locale=en, key="kh-law", name="Khmer Law", kind="law-firm", country="KH")
    client.force_login(admin_in_english(editor))
    page = client.get(LIST_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Import from a spreadsheet" in html and "Export as XLSX" in html
    assert "Pending review" in html

    def names(query):
        html = client.get(f"{LIST_URL}results/?{query}").content.decode()
        return {name for name in ("柬律师", "阿银行", "Khmer Law") if name in html}

    assert names("status=pending") == {"阿银行"}
    assert names("kind=law-firm") == {"柬律师", "Khmer Law"}
    assert names("country=AE") == {"阿银行"}
    assert names("locale=en") == {"Khmer Law"}
    assert names("locale=zh-hans&country=KH") == {"柬律师"}
    assert names("q=Khmer") == {"Khmer Law"}


def test_entries_are_translated_with_wagtail_localize(client, editor, zh, en):
    source = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询")
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_snippet_translation", args=["directory", "directoryentry", source.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code == 302
    english = source.get_translation(en)
    assert english.key == "lotus" and english.status == source.status
    # Its text is edited in wagtail-localize's translation editor.
    assert client.get(f"{LIST_URL}edit/{english.pk}/").status_code == 200


def test_translators_may_not_edit_source_entries(client, translator, zh):
    source = DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询")
    client.force_login(translator)
    response = client.get(f"{LIST_URL}edit/{source.pk}/")
    # Wagtail sends staff without the permission back to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_entries_show_on_their_country_guide_in_the_guides_language(zh, en):
    DirectoryEntryFactory(key="kh-law", name="柬律师", english={"name": "Khmer Law"}, country="KH")
    DirectoryEntryFactory(locale=zh, key="kh-pending", name="待审", country="KH", status=EntryStatus.PENDING)
    DirectoryEntryFactory(locale=zh, key="ae-bank", name="阿银行", country="AE")
    chinese = {listing.key: listing for listing in country_hub("KH", zh)}["directory"]
    assert [item.title for item in chinese.items] == ["柬律师"]
    assert chinese.items[0].url == "/zh-hans/directory/kh-law/"
    assert chinese.items[0].badge == "律师事务所"
    assert chinese.title == "服务机构"
    assert chinese.more_url == "/zh-hans/directory/?country=KH"
    english = {listing.key: listing for listing in country_hub("KH", en)}["directory"]
    assert [(item.title, item.url, item.note) for item in english.items] == [
        ("Khmer Law", "/en/directory/kh-law/", "Phnom Penh")
    ]
    empty = {listing.key: listing for listing in country_hub("JP", en)}["directory"]
    assert empty.items == [] and "No service providers" in empty.empty_text


def test_no_country_listing_without_a_directory_page_in_that_locale(db):
    other = Locale.objects.create(language_code="fr")
    assert "directory" not in {listing.key for listing in country_hub("KH", other)}


def test_the_edit_form_shows_lists_readably_and_keeps_revisions(client, editor, admin_in_english, zh):
    entry = DirectoryEntryFactory(
        locale=zh, key="lotus", name="莲花咨询", languages=["zh", "km"], services=["tax", "audit"]
    )
    client.force_login(admin_in_english(editor))
    html = client.get(f"{LIST_URL}edit/{entry.pk}/").content.decode()
    assert 'name="languages" value="zh, km"' in html
    checked = set(re.findall(r'name="services" value="([a-z-]+)"[^>]* checked', html))
    assert checked == {"tax", "audit"}
    assert '<option value="KH" selected>Cambodia</option>' in html
    history = client.get(f"{LIST_URL}history/{entry.pk}/")
    assert history.status_code == 200

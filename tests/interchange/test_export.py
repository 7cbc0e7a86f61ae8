"""export_bundle: what the public sees, in the documented order."""

import copy

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interchange.exporter import export_bundle
from interchange.importer import import_bundle
from interchange.validation import validate_bundle
from tests.factories import CountryGuidePageFactory

from .bundles import advisory, bundle, entry, guide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CountryGuidePage = apps.get_model("guides", "CountryGuidePage")
GuideIndexPage = apps.get_model("guides", "GuideIndexPage")
DirectoryEntry = apps.get_model("directory", "DirectoryEntry")


def test_the_export_is_the_imported_bundle_in_the_documented_order(zh, en):
    data = bundle(guides=[guide(sectors=["logistics", "textiles"])], advisories=[advisory(countries=["LA", "KH"])])
    assert import_bundle(data).ok
    exported = export_bundle()
    assert validate_bundle(exported) == []

    expected = copy.deepcopy(data)
    expected["guides"][0]["sectors"] = ["textiles", "logistics"]  # vocabulary order, as the guide keeps them
    expected["advisories"][0]["countries"] = ["KH", "LA"]  # alphabetical, as the advisory keeps them
    assert exported == expected
    assert list(exported["events"][0]["translations"]["en"]) == ["title", "summary", "body", "venue"]


def test_items_are_sorted_by_key_and_translations_follow_the_site_languages(zh, en):
    assert import_bundle(bundle(guides=[guide(key="zambia", country="ZM", region="africa"), guide()])).ok
    exported = export_bundle(["guides"])
    assert [item["key"] for item in exported["guides"]] == ["laos", "zambia"]
    assert list(exported["guides"][0]["translations"]) == ["zh-hans", "en"]
    assert set(exported) == {"format", "guides"}


def test_drafts_and_unlisted_entries_are_not_exported(zh, en):
    assert import_bundle(bundle(advisories=[], events=[]), draft=True).ok
    assert export_bundle(["guides", "directory"]) == {"format": "outbound-content/1", "guides": [], "directory": []}

    assert import_bundle(bundle(advisories=[], events=[], directory=[entry(key="other")])).ok
    CountryGuidePage.objects.get(locale=en).unpublish()
    exported = export_bundle(["guides", "directory"])
    assert list(exported["guides"][0]["translations"]) == ["zh-hans"]  # the English draft stays out
    assert [item["key"] for item in exported["directory"]] == ["other"]  # still pending: vientiane-chamber
    DirectoryEntry.objects.filter(key="other", locale=zh).update(status="withdrawn")
    DirectoryEntry.objects.filter(key="other", locale=en).update(status="withdrawn")
    assert export_bundle(["directory"])["directory"] == []


def test_a_page_made_in_the_admin_is_exported_under_its_slug(zh):
    index = GuideIndexPage.objects.get(locale=zh)
    CountryGuidePageFactory(
        country="LA",
        slug="laos-admin",
        title="老挝",
        risk_level="low",
        sections=[
            {
                "type": "section",
                "value": {"heading": "链接", "body": f'<p><a linktype="page" id="{index.pk}">指南</a></p>'},
            }
        ],
    )
    [item] = export_bundle(["guides"])["guides"]
    assert item["key"] == "laos-admin"
    assert item["translations"]["zh-hans"]["sections"] == [
        {"heading": "链接", "body": '<p><a href="/zh-hans/guides/">指南</a></p>'}
    ]
    assert item["facts"] == {
        "capital": None,
        "currency": None,
        "population_millions": None,
        "gdp_usd_billions": None,
        "time_zone": None,
    }
    assert validate_bundle(export_bundle(["guides"])) == []


def test_export_queries_do_not_grow_with_content(zh, en):
    assert import_bundle(bundle()).ok
    with CaptureQueriesContext(connection) as small:
        export_bundle()
    more = bundle(
        guides=[guide(), guide(key="cambodia", country="KH"), guide(key="vietnam", country="VN")],
        advisories=[advisory(), advisory(key="second"), advisory(key="third")],
        directory=[entry(), entry(key="second"), entry(key="third")],
    )
    assert import_bundle(more).ok
    with CaptureQueriesContext(connection) as large:
        exported = export_bundle()
    assert len(exported["guides"]) == 3 and len(exported["directory"]) == 3
    assert len(large.captured_queries) == len(small.captured_queries)

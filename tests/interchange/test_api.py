"""The read-only public API at /api/v2/: what it shows, what it filters,
what it never shows."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from interchange.api import api_router
from interchange.importer import import_bundle
from tests.factories import restrict

from .bundles import advisory, bundle, entry, event, guide

pytestmark = pytest.mark.django_db

CountryGuidePage = apps.get_model("guides", "CountryGuidePage")
AdvisoryPage = apps.get_model("advisories", "AdvisoryPage")
DirectoryEntry = apps.get_model("directory", "DirectoryEntry")


@pytest.fixture
def content(zh, en):
    assert import_bundle(bundle()).ok


def get(client, path, expect=200, **params):
    response = client.get(f"/api/v2/{path}", params)
    assert response.status_code == expect, response.content
    return response.json()


def types_and_locales(data):
    return sorted((item["meta"]["type"], item["meta"]["locale"]) for item in data["items"])


def test_pages_are_guides_advisories_and_events_only(client, content):
    data = get(client, "pages/")
    assert types_and_locales(data) == [
        ("advisories.AdvisoryPage", "en"),
        ("advisories.AdvisoryPage", "zh-hans"),
        ("events.EventPage", "en"),
        ("events.EventPage", "zh-hans"),
        ("guides.CountryGuidePage", "en"),
        ("guides.CountryGuidePage", "zh-hans"),
    ]
    assert data["meta"]["total_count"] == 6


def test_locale_filter(client, content):
    data = get(client, "pages/", locale="en")
    assert {item["meta"]["locale"] for item in data["items"]} == {"en"}
    assert {item["title"] for item in data["items"]} >= {"Laos investment guide", "Customs documents reminder"}


def test_an_unknown_locale_is_a_400_that_names_the_known_ones(client, content):
    assert get(client, "pages/", expect=400, locale="fr") == {
        "message": "locale 'fr' does not exist; use one of: en, zh-hans"
    }
    assert get(client, "directory/", expect=400, locale="fr")["message"].startswith("locale 'fr' does not exist")


def test_type_filter_and_public_fields(client, content):
    data = get(client, "pages/", type="guides.CountryGuidePage", locale="en", fields="*")
    [item] = data["items"]
    assert item["country"] == "LA" and item["risk_level"] == "medium" and item["sectors"] == ["logistics", "energy"]
    assert item["sections"][0]["type"] == "section"
    assert item["sections"][0]["value"]["body"].startswith("<p>The capital is Vientiane.</p>")
    assert not {"owner", "locked_by", "latest_revision", "content_type"} & set(item)
    assert get(client, "pages/", expect=400, type="guides.CountryGuidePage", fields="owner") == {
        "message": "unknown fields: owner"
    }


def test_other_page_types_are_refused(client, content):
    message = get(client, "pages/", expect=400, type="home.HomePage")["message"]
    assert message.startswith("type must be one of: guides.CountryGuidePage")
    home_id = apps.get_model("home", "HomePage").objects.first().pk
    get(client, f"pages/{home_id}/", expect=404)


def test_detail_view_of_an_event(client, content):
    page = apps.get_model("events", "EventPage").objects.get(locale__language_code="en")
    data = get(client, f"pages/{page.pk}/")
    assert data["venue"] == "Lecture hall, 3/F International Business Centre"
    assert data["starts"] == "2027-03-18T09:30:00+08:00"
    assert data["body"][0]["value"] == "<p>The agenda covers rail tariffs and customs clearance.</p>"
    assert data["meta"]["parent"]["meta"]["type"] == "events.EventIndexPage"


def test_drafts_and_private_pages_are_not_served(client, zh, en):
    assert import_bundle(bundle(advisories=[advisory(key="draft-notice")], events=[], directory=[]), draft=True).ok
    assert import_bundle(bundle(advisories=[], events=[], directory=[])).ok
    guide_en = CountryGuidePage.objects.get(locale=en)
    restrict(guide_en, PageViewRestriction.PASSWORD)
    data = get(client, "pages/")
    assert types_and_locales(data) == [("guides.CountryGuidePage", "zh-hans")]
    draft = AdvisoryPage.objects.get(locale=zh)
    get(client, f"pages/{draft.pk}/", expect=404)
    get(client, f"pages/{guide_en.pk}/", expect=404)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "guides.CountryGuidePage", "reviewed": "yesterday"},
        {"type": "events.EventPage", "capacity": "many"},
        {"type": "events.EventPage", "online": "maybe"},
        {"type": "events.EventPage", "starts": "soon"},
        {"order": "nonsense"},
        {"colour": "blue"},
        {"type": "nope.Nothing"},
        {"limit": "lots"},
        {"child_of": "x"},
        {"offset": "-1"},
        {"offset": "99999999999999999999"},
    ],
)
def test_bad_parameters_are_400_never_500(client, content, params):
    get(client, "pages/", expect=400, **params)


def test_an_offset_past_any_listing_is_a_400_on_every_endpoint(client, content):
    for endpoint in ("pages/", "directory/", "images/", "documents/"):
        assert get(client, endpoint, expect=400, offset="99999999999999999999") == {
            "message": "offset cannot be higher than 1000000"
        }
    assert get(client, "directory/", offset="1000000")["items"] == []


def test_a_nul_in_any_parameter_is_a_400_on_every_endpoint(client, content):
    """PostgreSQL refuses a query holding a NUL (a 500 there, found by the fuzz test)."""
    for endpoint, name in [("pages/", "locale"), ("pages/find/", "html_path"), ("directory/", "locale")]:
        assert get(client, endpoint, expect=400, **{name: "en\x00"}) == {
            "message": "parameters cannot contain NUL characters"
        }


def test_field_filters_combine(client, content):
    assert import_bundle(bundle(guides=[guide(key="cambodia", country="KH", risk_level="high")])).ok
    data = get(client, "pages/", type="guides.CountryGuidePage", risk_level="high", locale="en")
    assert [item["title"] for item in data["items"]] == ["Laos investment guide"]
    data = get(client, "pages/", type="guides.CountryGuidePage", country="LA", locale="zh-hans")
    assert [item["meta"]["locale"] for item in data["items"]] == ["zh-hans"]


def test_directory_serves_listed_entries_only_without_internal_fields(client, zh, en):
    assert import_bundle(bundle(guides=[], advisories=[], events=[])).ok
    assert import_bundle(bundle(guides=[], advisories=[], events=[], directory=[entry(key="applicant")]), draft=True).ok
    data = get(client, "directory/")
    assert sorted((item["key"], item["meta"]["locale"]) for item in data["items"]) == [
        ("vientiane-chamber", "en"),
        ("vientiane-chamber", "zh-hans"),
    ]
    pending = DirectoryEntry.objects.get(key="applicant", locale=zh)
    get(client, f"directory/{pending.pk}/", expect=404)

    listed = DirectoryEntry.objects.get(key="vientiane-chamber", locale=en)
    detail = get(client, f"directory/{listed.pk}/")
    assert detail["name"] == "Vientiane Chinese Business Chamber" and detail["phone"] == "+85621000000"
    assert detail["meta"]["locale"] == "en"
    assert not {"status", "sort_name", "translation_key"} & set(detail)
    get(client, "directory/", expect=400, fields="status")
    get(client, "directory/", expect=400, status="pending")


def test_directory_filters(client, zh, en):
    more = [entry(), entry(key="phnom-penh-law", kind="law-firm", country="KH")]
    assert import_bundle(bundle(guides=[], advisories=[], events=[], directory=more)).ok
    data = get(client, "directory/", locale="en", country="KH")
    assert [(item["key"], item["kind"]) for item in data["items"]] == [("phnom-penh-law", "law-firm")]
    data = get(client, "directory/", locale="zh-hans", kind="chamber")
    assert [item["key"] for item in data["items"]] == ["vientiane-chamber"]


def test_images_and_documents_without_private_collections(client, zh):
    image_model = apps.get_model("wagtailimages", "Image")
    image_model.objects.create(title="Sihanoukville port", file=get_test_image_file())
    documents = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="secret")
    documents.objects.create(title="Public checklist", file=ContentFile(b"checklist", name="checklist.txt"))
    documents.objects.create(title="Internal memo", file=ContentFile(b"memo", name="memo.txt"), collection=private)
    assert [item["title"] for item in get(client, "images/")["items"]] == ["Sihanoukville port"]
    assert [item["title"] for item in get(client, "documents/")["items"]] == ["Public checklist"]


def test_no_endpoint_serves_personal_data():
    assert set(api_router._endpoints) == {"pages", "images", "documents", "directory"}


def test_listing_queries_do_not_grow_with_content(client, zh, en):
    assert import_bundle(bundle()).ok
    # The first request fills per-process caches (site root paths); measure the steady state.
    get(client, "pages/", fields="*")
    with CaptureQueriesContext(connection) as small_pages:
        get(client, "pages/", fields="*")
    with CaptureQueriesContext(connection) as small_directory:
        get(client, "directory/", fields="*")
    more = bundle(
        guides=[guide(), guide(key="cambodia", country="KH")],
        advisories=[advisory(), advisory(key="second"), advisory(key="third")],
        events=[event(), event(key="second")],
        directory=[entry(), entry(key="second"), entry(key="third")],
    )
    assert import_bundle(more).ok
    with CaptureQueriesContext(connection) as large_pages:
        assert get(client, "pages/", fields="*")["meta"]["total_count"] == 14
    with CaptureQueriesContext(connection) as large_directory:
        assert get(client, "directory/", fields="*")["meta"]["total_count"] == 6
    assert len(large_pages.captured_queries) == len(small_pages.captured_queries)
    assert len(large_directory.captured_queries) == len(small_directory.captured_queries)


def test_translation_of_and_search(client, content, zh):
    guide_zh = CountryGuidePage.objects.get(locale=zh)
    data = get(client, "pages/", translation_of=guide_zh.pk, locale="en")
    assert [item["title"] for item in data["items"]] == ["Laos investment guide"]
    data = get(client, "pages/", search="Vientiane", locale="en")
    assert "Laos investment guide" in [item["title"] for item in data["items"]]

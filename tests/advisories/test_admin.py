import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.search.index import class_is_indexed

from advisories.models import AdvisoryPage, Subscriber
from tests.factories import SubscriberFactory

SUBSCRIBERS = "/admin/subscribers/"


@pytest.fixture
def subscriber(db):
    return SubscriberFactory(email="secret-firm@example.com", countries=["KH"], kinds=["tax"])


@pytest.mark.parametrize("role", ["editor", "reviewer", "translator", "event_manager"])
def test_editorial_roles_never_see_subscribers(client, request, subscriber, role):
    client.force_login(request.getfixturevalue(role))
    for url in (SUBSCRIBERS, f"{SUBSCRIBERS}inspect/{subscriber.pk}/", f"{SUBSCRIBERS}?export=csv"):
        response = client.get(url)
        # Wagtail sends staff without the permission back to the dashboard.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert b"secret-firm" not in response.content
    dashboard = client.get("/admin/").content.decode()
    assert SUBSCRIBERS not in dashboard


def test_the_subscription_managers_group_can_see_export_and_delete(client, subscription_manager, subscriber):
    client.force_login(subscription_manager)
    listing = client.get(SUBSCRIBERS)
    assert listing.status_code == 200 and "secret-firm@example.com" in listing.content.decode()
    assert client.get(f"{SUBSCRIBERS}inspect/{subscriber.pk}/").status_code == 200
    search = client.get(SUBSCRIBERS, {"q": "secret-firm"})
    assert "secret-firm@example.com" in search.content.decode()

    export = client.get(SUBSCRIBERS, {"export": "csv"})
    assert export.status_code == 200
    header, *rows = csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    assert header[0] == "电子邮箱"  # the admin speaks the source language by default
    assert [(row[0], row[2], row[3]) for row in rows] == [("secret-firm@example.com", "KH", "tax")]

    assert client.post(f"{SUBSCRIBERS}delete/{subscriber.pk}/").status_code == 302
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_subscriber_export_is_formula_safe(client, subscription_manager):
    """Issue 14, finding 5: an e-mail address may start with = (the public
    form accepts `=1+1@example.com`); the admin's export must not hand a
    spreadsheet program a formula."""
    SubscriberFactory(email='=hyperlink("http://evil.example","x")@example.com')  # stored lower-case
    client.force_login(subscription_manager)

    export = client.get(SUBSCRIBERS, {"export": "csv"})
    _header, row = csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    assert row[0] == '\'=hyperlink("http://evil.example","x")@example.com'

    export = client.get(SUBSCRIBERS, {"export": "xlsx"})
    _header, cells = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(max_row=2)
    assert (cells[0].data_type, cells[0].value) == ("s", '\'=hyperlink("http://evil.example","x")@example.com')


def test_nobody_adds_or_edits_subscribers_by_hand(client, admin_user, subscriber):
    client.force_login(admin_user)
    assert client.get(SUBSCRIBERS).status_code == 200
    for url in (f"{SUBSCRIBERS}new/", f"{SUBSCRIBERS}edit/{subscriber.pk}/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    assert f'href="{SUBSCRIBERS}new/"' not in client.get(SUBSCRIBERS).content.decode()


def test_subscribers_are_kept_out_of_the_search_index():
    assert not class_is_indexed(Subscriber)
    assert "secret" not in str(Subscriber(pk=7, email="secret@example.com"))


def test_an_editor_writes_an_advisory_in_the_admin(client, editor, index_zh):
    client.force_login(editor)
    add_url = f"/admin/pages/add/advisories/advisorypage/{index_zh.pk}/"
    form = client.get(add_url)
    assert form.status_code == 200
    assert 'name="countries"' in form.content.decode()
    response = client.post(
        add_url,
        {
            "title": "柬埔寨税务新规",
            "slug": "cambodia-tax-rules",
            "summary": "摘要。",
            "kind": "tax",
            "severity": "warning",
            "countries": ["KH", "TH"],
            "issued": "2026-11-01",
            "expires": "",
            "body-count": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = AdvisoryPage.objects.child_of(index_zh).get(slug="cambodia-tax-rules")
    revision = draft.latest_revision.as_object()
    assert (revision.countries, revision.kind, revision.severity) == (["KH", "TH"], "tax", "warning")
    assert not draft.live  # editors submit; reviewers publish


def test_the_admin_refuses_an_unknown_country(client, editor, index_zh):
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/advisories/advisorypage/{index_zh.pk}/",
        {
            "title": "x",
            "slug": "x",
            "kind": "tax",
            "severity": "info",
            "countries": ["XX"],
            "issued": "2026-11-01",
            "body-count": "0",
        },
    )
    assert response.status_code == 200
    assert "XX" in response.content.decode()
    assert not AdvisoryPage.objects.child_of(index_zh).filter(slug="x").exists()

"""Applying to be listed: validation, the pending → listed flow, the
editors' notification, and the applicant's privacy. (Honeypot and rate limit:
tests/foundation/test_public_forms.py.)"""

from datetime import timedelta
from html import unescape
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.search.index import class_is_indexed

from directory.models import DirectoryEntry, EntryStatus, ListingApplication
from tests.factories import application_form

pytestmark = pytest.mark.django_db


def apply_url(directory):
    return f"{directory.url}apply/"


def test_the_form_is_offered_in_both_languages(client, directory_zh, directory_en):
    english = client.get(apply_url(directory_en)).content.decode()
    chinese = client.get(apply_url(directory_zh)).content.decode()
    assert '<label for="id_contact_email">Your e-mail address:</label>' in english
    assert 'href="/en/about/privacy/"' in english
    assert "申请列入名录" in chinese
    assert 'href="/zh-hans/about/privacy/"' in chinese


def test_an_application_becomes_a_pending_entry_and_directory_editors_are_told(
    client, directory_en, directory_editor, admin_user, editor, reviewer, translator, django_capture_on_commit_callbacks
):
    """Only the staff who review applications are told (directory.notifications.reviews_applications):
    Editors, Reviewers and Translators change entries but do not see who applied."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(directory_en), application_form())
    assert response.status_code == 302
    assert response["Location"] == "/en/directory/apply/thanks/"
    assert client.get(response["Location"]).status_code == 200

    entry = DirectoryEntry.objects.get()
    assert entry.status == EntryStatus.PENDING
    assert entry.locale.language_code == "zh-hans"  # every entry's source is the source locale
    assert entry.key == "lotus-bay-advisory"
    assert entry.phone == "+85523990123"
    assert entry.languages == ["zh", "en", "km"]
    assert entry.services == ["company-setup", "tax"]
    assert entry.revisions.count() == 1
    details = ListingApplication.objects.get(entry=entry)
    assert (details.contact_name, details.contact_email, details.language) == (
        "Sok Dara",
        "dara.sok@lotus-bay.example",
        "en",
    )

    assert sorted(message.to[0] for message in mail.outbox) == sorted([directory_editor.email, admin_user.email])
    message = mail.outbox[0]
    assert "Lotus Bay Advisory" in message.subject
    assert f"/admin/snippets/directory/directoryentry/edit/{entry.pk}/" in message.body
    assert "Sok Dara" not in message.body and "dara.sok" not in message.body


def test_pending_application_is_not_public_until_listed(client, directory_zh, directory_en):
    client.post(apply_url(directory_zh), application_form(name="湄公湾咨询"))
    entry = DirectoryEntry.objects.get()
    assert "湄公湾咨询" not in client.get(directory_zh.url).content.decode()
    assert client.get(f"{directory_zh.url}{entry.key}/").status_code == 404
    entry.status = EntryStatus.LISTED
    entry.save()
    assert "湄公湾咨询" in client.get(directory_zh.url).content.decode()
    detail = client.get(f"{directory_zh.url}{entry.key}/").content.decode()
    assert "湄公湾咨询" in detail
    assert "Sok Dara" not in detail and "dara.sok" not in detail  # the applicant stays private


def test_an_editor_approves_an_application_in_the_admin(client, directory_zh, editor, admin_in_english):
    client.post(apply_url(directory_zh), application_form())
    entry = DirectoryEntry.objects.get()
    client.force_login(admin_in_english(editor))
    edit_url = f"/admin/snippets/directory/directoryentry/edit/{entry.pk}/"
    form = {
        "name": entry.name,
        "kind": entry.kind,
        "key": entry.key,
        "country": entry.country,
        "city": entry.city,
        "address": entry.address,
        "website": entry.website,
        "email": entry.email,
        "phone": "+855 23 990 123",
        "description": entry.description,
        "languages": "zh, en, km",
        "services": entry.services,
        "status": "listed",
        "verified_on": "",
    }
    refused = client.post(edit_url, form)
    assert refused.status_code == 200  # listing needs a verification date
    assert "before listing them" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PENDING

    response = client.post(edit_url, {**form, "verified_on": "2026-03-01"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.LISTED
    assert entry.revisions.count() == 2
    client.logout()
    assert client.get(f"{directory_zh.url}{entry.key}/").status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "not a url", "Enter a valid URL."),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("email", "info@", "Enter a valid email address."),
        ("phone", "+855 12", "is not a valid phone number"),
        ("phone", "call us", "is not a phone number we can read"),
        ("country", "XX", "is not an ISO 3166-1 country code"),
        ("languages", "Elvish, en", "We do not recognise the language(s) “Elvish”"),
        ("services", ["teleportation"], "Select a valid choice"),
        ("kind", "spaceport", "Select a valid choice"),
        ("contact_email", "nobody", "Enter a valid email address."),
        ("consent", None, "This field is required."),
        ("name", "", "This field is required."),
        ("description", "x" * 2001, "Ensure this value has at most 2000 characters"),
    ],
)
def test_malformed_applications_get_clear_errors_and_store_nothing(client, directory_en, field, value, message):
    response = client.post(apply_url(directory_en), application_form(**{field: value}))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert message in html
    assert f'href="#id_{field}' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    assert not DirectoryEntry.objects.exists()
    assert not ListingApplication.objects.exists()
    assert not mail.outbox


def test_errors_are_in_the_readers_language(client, directory_zh):
    response = client.post(apply_url(directory_zh), application_form(email="info@", phone="+855 12"))
    html = unescape(response.content.decode())
    assert "请输入合法的邮件地址。" in html
    assert "不是有效的电话号码" in html


def test_garbage_posts_never_cause_a_server_error(client, directory_en):
    response = client.post(
        apply_url(directory_en), {"services": "x" * 10_000, "country": "\x00", "languages": "、、、"}
    )
    assert response.status_code == 200
    response = client.post(apply_url(directory_en), b"\xff\xfe", content_type="application/octet-stream")
    assert response.status_code == 200
    assert client.put(apply_url(directory_en)).status_code == 405


def test_two_applications_with_the_same_name_get_different_keys(client, directory_zh):
    client.post(apply_url(directory_zh), application_form(name="湄公咨询"))
    client.post(apply_url(directory_zh), application_form(name="湄公咨询"))
    assert sorted(DirectoryEntry.objects.values_list("key", flat=True)) == ["mei-gong-zi-xun", "mei-gong-zi-xun-2"]


def test_a_name_that_would_shadow_a_route_gets_another_key(client, directory_en):
    client.post(apply_url(directory_en), application_form(name="Apply"))
    assert DirectoryEntry.objects.get().key == "entry-apply"


# ---------------------------------------------------------------- who sees applicants


def test_only_directory_editors_see_applicants(client, directory_en, editor, reviewer, translator, directory_editor):
    """Personal data for the staff whose work it is (directory migration 0007):
    without it Editors and Reviewers would still read, list and delete who applied."""
    client.post(apply_url(directory_en), application_form())
    details = ListingApplication.objects.get()
    urls = (
        f"/admin/listing_applications/inspect/{details.pk}/",
        "/admin/listing_applications/",
        f"/admin/listing_applications/delete/{details.pk}/",
    )
    for refused_user in (editor, reviewer, translator):
        client.force_login(refused_user)
        for refused in urls:
            response = client.get(refused)
            # Wagtail sends staff without the permission back to the dashboard.
            assert (response.status_code, response["Location"]) == (302, "/admin/"), (refused_user, refused)
        dashboard = client.get("/admin/").content.decode()
        assert "/admin/listing_applications/" not in dashboard, refused_user  # no menu item, no panel
    client.force_login(directory_editor)
    page = client.get(urls[0])
    assert page.status_code == 200
    assert "dara.sok@lotus-bay.example" in page.content.decode()
    assert "Sok Dara" in client.get(urls[1]).content.decode()
    assert "/admin/listing_applications/" in client.get("/admin/").content.decode()
    assert client.get(urls[2]).status_code == 200  # an applicant who asks to be forgotten
    assert DirectoryEntry.objects.get().status == EntryStatus.PENDING


def test_applicant_details_are_not_in_the_search_index(client, directory_en):
    client.post(apply_url(directory_en), application_form())
    assert not class_is_indexed(ListingApplication)
    assert list(DirectoryEntry.objects.search("Lotus")) == [DirectoryEntry.objects.get()]
    assert list(DirectoryEntry.objects.search("Dara")) == []


def test_a_name_with_line_breaks_is_refused_with_what_was_typed_kept(client, directory_en):
    response = client.post(apply_url(directory_en), application_form(name="Lotus\r\nBcc: everyone@example.org"))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Keep this on one line: remove the line break."]
    assert response.context["form"]["contact_email"].value() == application_form()["contact_email"]
    assert DirectoryEntry.objects.count() == 0


def test_a_stored_name_with_line_breaks_cannot_break_the_notification(
    client, directory_en, directory_editor, django_capture_on_commit_callbacks
):
    """Text stored before the plain-text rule existed still makes a one-line subject."""
    with django_capture_on_commit_callbacks() as notifications:
        client.post(apply_url(directory_en), application_form(name="Lotus"))
    DirectoryEntry.objects.update(name="Lotus\r\nBcc: everyone@example.org")
    for notify in notifications:
        notify()
    (message,) = mail.outbox
    assert message.subject.endswith("Lotus Bcc: everyone@example.org")
    assert message.to == [directory_editor.email]
    assert message.bcc == []


# ---------------------------------------------------------------- how long applicants are kept


def _purge(*args):
    out = StringIO()
    call_command("purge_applications", *args, stdout=out)
    return out.getvalue()


def test_applicants_contact_details_are_deleted_after_the_retention_period(client, directory_en, settings):
    settings.DIRECTORY_APPLICATION_RETENTION_DAYS = 180
    client.post(apply_url(directory_en), application_form(name="Old Harbour Advisory"))
    client.post(apply_url(directory_en), application_form(name="New Harbour Advisory"))
    old = ListingApplication.objects.get(entry__name="Old Harbour Advisory")
    ListingApplication.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=181))
    ListingApplication.objects.filter(entry__name="New Harbour Advisory").update(
        submitted_at=timezone.now() - timedelta(days=179)
    )

    assert "would delete 1 listing application(s)" in _purge("--dry-run")
    assert ListingApplication.objects.count() == 2
    assert "deleted 1 listing application(s)" in _purge()
    assert list(ListingApplication.objects.values_list("entry__name", flat=True)) == ["New Harbour Advisory"]
    # The proposed entry is the organisation's, not the applicant's: it stays for the editors.
    assert DirectoryEntry.objects.filter(name="Old Harbour Advisory", status=EntryStatus.PENDING).exists()
    assert "deleted 0 listing application(s)" in _purge()
    assert "deleted 1 listing application(s)" in _purge("--days", "0")


def test_a_negative_retention_is_refused():
    with pytest.raises(CommandError, match="zero or more"):
        _purge("--days", "-1")

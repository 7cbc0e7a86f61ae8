import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Registration
from events.seats import seats_taken
from tests.factories import EventPageFactory, credit_code, english_of, registration_form

pytestmark = pytest.mark.django_db


def register_url(event):
    return event.url + "register/"


def post(client, event, data, capture):
    with capture(execute=True):
        return client.post(register_url(event), data)


def test_event_page_shows_the_form_with_labels_seats_and_privacy_link(client):
    event = EventPageFactory(english=True, capacity=12)
    for page, privacy in ((event, "/zh-hans/about/privacy/"), (english_of(event), "/en/about/privacy/")):
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'href="{privacy}"' in html
        for name in (
            "company_name",
            "credit_code",
            "contact_name",
            "phone",
            "email",
            "attendees",
            "attendee_1",
            "consent",
        ):
            assert f'<label for="id_{name}"' in html, name
        assert 'name="csrfmiddlewaretoken"' in html
    assert "12 seats left" in client.get(english_of(event).url).content.decode()


def test_a_registration_holds_its_seats_and_e_mails_only_the_verification_link(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventPageFactory(english=True)
    code = credit_code()
    response = post(
        client, event, registration_form(seats=2, credit_code=code.lower()), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert re.search(r"/registration/[^/]+/\?new=1$", response["Location"])
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.HELD
    assert registration.email_verified_at is None
    assert registration.hold_expires_at == registration.consent_at + timedelta(minutes=30)
    assert seats_taken(event) == 2
    assert (registration.seats, registration.attendee_names) == (2, ["参会人1", "参会人2"])
    assert registration.credit_code == code
    assert registration.phone == "+8613812345678"
    assert registration.language == "zh-hans"
    assert registration.event_id == event.pk
    [verification] = mailoutbox
    assert verification.to == ["wang@example.com"]
    assert f"{event.full_url}confirm-email/{registration.pk}-" in verification.body
    status_page = client.get(response["Location"])
    assert status_page.status_code == 200
    assert "请在30分钟内" in status_page.content.decode()
    assert "no-store" in status_page["Cache-Control"]


def test_seats_are_counted_in_attendees_and_the_rest_waits(client, django_capture_on_commit_callbacks):
    event = EventPageFactory(english=True, capacity=5)
    english = english_of(event)
    post(client, event, registration_form(seats=3), django_capture_on_commit_callbacks)
    # Only two seats left: three attendees go on the waiting list, through either language.
    post(client, english, registration_form(seats=3), django_capture_on_commit_callbacks)
    post(client, english, registration_form(seats=2), django_capture_on_commit_callbacks)
    statuses = list(Registration.objects.order_by("pk").values_list("seats", "status", "language"))
    assert statuses == [(3, "held", "zh-hans"), (3, "waitlisted", "en"), (2, "held", "en")]
    assert seats_taken(event) == seats_taken(english) == 5


def test_the_form_says_before_submitting_that_a_full_event_means_the_waiting_list(
    client, django_capture_on_commit_callbacks
):
    event = EventPageFactory(english=True, capacity=2)
    english = english_of(event)
    html = client.get(english.url).content.decode()
    assert "Only 2 seats are left" in html and "Join the waiting list" not in html
    post(client, event, registration_form(seats=2), django_capture_on_commit_callbacks)
    html = client.get(english.url).content.decode()
    assert "All seats are taken" in html and "Join the waiting list" in html
    response = post(client, english, registration_form(seats=1), django_capture_on_commit_callbacks)
    assert client.get(response["Location"]).status_code == 200
    assert Registration.objects.filter(status="waitlisted").count() == 1


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (
            {"registration_opens_in": timedelta(days=2), "registration_closes_in": timedelta(days=20)},
            "has not opened yet",
        ),
        ({"registration_opens_in": timedelta(days=-5), "registration_closes_in": timedelta(days=-1)}, "has closed"),
    ],
)
def test_the_registration_window_is_enforced_on_the_server(client, window, message, django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventPageFactory(
        english=True,
        registration_opens=now + window["registration_opens_in"],
        registration_closes=now + window["registration_closes_in"],
    )
    english = english_of(event)
    assert 'name="company_name"' not in client.get(english.url).content.decode()
    response = post(client, english, registration_form(), django_capture_on_commit_callbacks)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_an_event_that_has_started_takes_no_registrations(client, django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventPageFactory(
        english=True,
        starts=now - timedelta(hours=1),
        ends=now + timedelta(hours=2),
        registration_opens=None,
        registration_closes=None,
    )
    response = post(client, english_of(event), registration_form(), django_capture_on_commit_callbacks)
    assert response.status_code == 409
    assert not Registration.objects.exists()


def test_the_same_company_cannot_register_twice(client, django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True)
    code = credit_code()
    post(client, event, registration_form(credit_code=code), django_capture_on_commit_callbacks)
    response = post(
        client, english_of(event), registration_form(credit_code=code.lower()), django_capture_on_commit_callbacks
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "already registered for this event" in html
    assert 'id="id_credit_code_error"' in html and 'aria-invalid="true"' in html
    assert Registration.objects.count() == 1 and len(mailoutbox) == 1


def test_a_cancelled_company_can_register_again(client, django_capture_on_commit_callbacks):
    event = EventPageFactory(english=True)
    code = credit_code()
    post(client, event, registration_form(credit_code=code), django_capture_on_commit_callbacks)
    Registration.objects.update(status=Registration.Status.CANCELLED)
    response = post(client, event, registration_form(credit_code=code), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.filter(credit_code=code).count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"credit_code": "91350100M000100Y44"}, "credit_code", "check character"),
        ({"credit_code": "91350100M000100Y4"}, "credit_code", "18 characters"),
        ({"phone": "0571 8888 0000"}, "phone", "landline"),
        ({"phone": "12345"}, "phone", "mainland mobile number"),
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"consent": ""}, "consent", "Please agree"),
        ({"attendees": "6"}, "attendees", "Select a valid choice"),
        ({"attendees": "2"}, "attendee_2", "Enter the name of attendee 2"),
        ({"attendee_3": "Extra person"}, "attendee_3", "clear this name"),
        ({"company_name": "   "}, "company_name", "required"),
    ],
)
def test_invalid_input_is_explained_next_to_the_field_and_nothing_is_saved(client, changes, field, message):
    event = EventPageFactory(english=True)
    response = client.post(register_url(english_of(event)), registration_form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert not Registration.objects.exists()


def test_csrf_is_required():
    event = EventPageFactory(english=True)
    response = Client(enforce_csrf_checks=True).post(register_url(event), registration_form())
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_get_on_the_register_route_goes_back_to_the_event(client):
    event = EventPageFactory(english=True)
    response = client.get(register_url(event))
    assert response.status_code == 302 and response["Location"] == event.url


def test_personal_data_is_not_logged(client, caplog, django_capture_on_commit_callbacks):
    event = EventPageFactory(english=True)
    data = registration_form(email="secret-person@example.com", contact_name="赵秘密")
    with caplog.at_level("DEBUG"):
        post(client, event, data, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert f"registration {registration.pk}" in caplog.text
    for value in ("secret-person@example.com", "赵秘密", data["credit_code"], "13812345678"):
        assert value not in caplog.text


def test_a_control_character_is_refused_in_chinese_and_the_typed_values_are_kept(client):
    event = EventPageFactory()
    response = client.post(register_url(event), registration_form(company_name="滨江\x0b示例机械有限公司"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_company_name_error"' in html
    assert "请删除不可见的控制字符 U+000B" in html
    assert 'value="王小明"' in html
    assert not Registration.objects.exists()

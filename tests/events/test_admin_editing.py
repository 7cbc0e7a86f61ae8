from datetime import datetime, timedelta

import pytest
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from events.models import EventIndexPage, EventPage
from tests.factories import EventPageFactory, index_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw-for-tests-only"))
    return client


def _form_data(admin_client, url):
    """The edit form as the browser would post it (StreamFields are drawn by
    JavaScript, so their fields are added here)."""
    page = admin_client.get(url)
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="page-edit-form")
    streams = nested_form_data(
        {"body": streamfield([("rich_text", rich_text("<p>Programme</p>"))]), "materials": streamfield([])}
    )
    for name, value in streams.items():
        data[name] = value
    return data


def _edit(admin_client, event, changes):
    url = f"/admin/pages/{event.pk}/edit/"
    data = _form_data(admin_client, url)
    for name, value in changes.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    # Saved as a draft revision (publishing goes through review).
    return EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()


def test_start_and_end_are_typed_in_the_event_time_zone(admin_client):
    event = EventPageFactory(registration_closes=None)
    year = event.starts.year + 1
    saved = _edit(
        admin_client,
        event,
        {
            "time_zone": "Asia/Phnom_Penh",
            "countries": ["KH"],
            "starts": f"{year}-05-12 09:00",
            "ends": f"{year}-05-12 17:00",
        },
    )
    assert saved.time_zone == "Asia/Phnom_Penh"
    assert saved.countries == ["KH"]
    assert (saved.starts_local.hour, saved.starts_beijing.hour) == (9, 10)
    # Shown back to the editor in the event's own time zone.
    html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"{year}-05-12 09:00" in html


def test_an_empty_time_zone_means_beijing_time(admin_client):
    event = EventPageFactory(registration_closes=None)
    year = event.starts.year + 1
    saved = _edit(
        admin_client, event, {"time_zone": "", "starts": f"{year}-05-12 09:00", "ends": f"{year}-05-12 17:00"}
    )
    assert saved.time_zone == "Asia/Shanghai"
    assert saved.starts_beijing.replace(tzinfo=None) == datetime(year, 5, 12, 9, 0)


def test_editors_get_clear_errors_for_inconsistent_dates(admin_client):
    event = EventPageFactory()
    url = f"/admin/pages/{event.pk}/edit/"
    data = _form_data(admin_client, url)
    data["ends"] = (event.starts - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    # The admin speaks the editor's language: Chinese by default.
    assert "活动结束时间必须晚于开始时间。" in response.content.decode()


def test_the_add_form_renders(admin_client):
    response = admin_client.get(f"/admin/pages/add/events/eventpage/{index_of(EventIndexPage).pk}/")
    assert response.status_code == 200
    assert 'name="time_zone"' in response.content.decode()

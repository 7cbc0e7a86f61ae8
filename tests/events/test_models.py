from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventIndexPage, EventPage, RegistrationState
from events.timezones import infer_time_zone
from tests.factories import EventPageFactory, english_of, index_of

pytestmark = pytest.mark.django_db


def _offset(hours):
    return dt_timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("starts", "countries", "expected"),
    [
        (datetime(2027, 5, 12, 9, 0, tzinfo=_offset(7)), ["KH"], "Asia/Phnom_Penh"),
        (datetime(2027, 4, 27, 9, 0, tzinfo=_offset(3)), ["SA", "AE"], "Asia/Riyadh"),
        (datetime(2027, 4, 27, 9, 0, tzinfo=_offset(4)), ["SA", "AE"], "Asia/Dubai"),
        # A seminar about Cambodia held at home, in Beijing time.
        (datetime(2027, 3, 18, 9, 30, tzinfo=_offset(8)), ["KH"], "Asia/Shanghai"),
        # An offset none of the countries uses: a fixed-offset zone.
        (datetime(2027, 3, 18, 9, 30, tzinfo=_offset(5)), ["KH"], "Etc/GMT-5"),
        (datetime(2027, 3, 18, 9, 30, tzinfo=_offset(7)), [], "Etc/GMT-7"),
    ],
)
def test_time_zone_is_inferred_from_the_offset_and_countries(starts, countries, expected):
    assert infer_time_zone(starts, countries) == expected


def test_an_event_abroad_shows_beijing_and_local_time():
    event = EventPageFactory(
        starts=datetime(2027, 5, 12, 9, 0, tzinfo=_offset(7)),
        ends=datetime(2027, 5, 12, 17, 0, tzinfo=_offset(7)),
        registration_closes=datetime(2027, 5, 1, tzinfo=_offset(8)),
        countries=["kh"],
    )
    event.refresh_from_db()
    assert event.time_zone == "Asia/Phnom_Penh"
    assert event.countries == ["KH"] and event.country_tokens == "|KH|"
    assert event.shows_local_time
    assert (event.starts_local.hour, event.starts_beijing.hour) == (9, 10)


def test_an_event_at_home_shows_beijing_time_only():
    event = EventPageFactory()
    assert event.time_zone == "Asia/Shanghai"
    assert not event.shows_local_time


def test_structure_is_synchronised_and_text_translated():
    event = EventPageFactory(english=True, countries=["VN"], capacity=33, online=True)
    english = english_of(event)
    assert english.live
    assert (english.capacity, english.countries, english.online, english.starts, english.time_zone) == (
        33,
        ["VN"],
        True,
        event.starts,
        event.time_zone,
    )
    assert english.venue == "88 Kaifang Avenue, Binjiang"
    assert english.title.startswith("Outbound investment training")
    # One set of seats for both languages.
    assert english.registration_anchor_id == event.pk == event.registration_anchor_id


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"ends_offset": -1}, "ends"),
        ({"registration_closes_offset": 31}, "registration_closes"),
        ({"countries": ["XX"]}, "countries"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_inconsistent_events_are_refused(fields, field_in_error):
    now = timezone.now()
    event = EventPageFactory.build(
        starts=now + timedelta(days=30),
        ends=now + timedelta(days=30 + fields.pop("ends_offset", 1)),
        registration_closes=now + timedelta(days=fields.pop("registration_closes_offset", 1)),
        capacity=fields.pop("capacity", 10),
        **fields,
    )
    with pytest.raises(ValidationError) as caught:
        index_of(EventIndexPage).add_child(instance=event)
    assert field_in_error in caught.value.message_dict


def test_registration_window_states():
    event = EventPageFactory()
    assert event.registration_state() == RegistrationState.OPEN
    assert event.registration_state(event.registration_opens - timedelta(seconds=1)) == RegistrationState.NOT_YET_OPEN
    assert event.registration_state(event.registration_closes) == RegistrationState.CLOSED
    assert event.registration_state(event.starts) == RegistrationState.STARTED


def test_a_missing_window_means_open_until_the_start():
    event = EventPageFactory(registration_opens=None, registration_closes=None)
    assert event.registration_state() == RegistrationState.OPEN
    assert event.registration_state(event.starts - timedelta(seconds=1)) == RegistrationState.OPEN
    assert event.registration_state(event.starts) == RegistrationState.STARTED


def test_search_fields_cover_text_and_filters():
    names = {(type(field).__name__, field.field_name) for field in EventPage.search_fields}
    for expected in [
        ("SearchField", "title"),
        ("SearchField", "summary"),
        ("SearchField", "body"),
        ("SearchField", "venue"),
        ("AutocompleteField", "title"),
        ("FilterField", "locale"),
        ("FilterField", "kind"),
        ("FilterField", "starts"),
        ("FilterField", "live"),
    ]:
        assert expected in names
    assert not any("registration" in field_name for _kind, field_name in names)

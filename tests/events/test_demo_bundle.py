import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from core.vocabularies import EventKind, is_country_code
from events.models import EventPage

BUNDLE = Path(settings.BASE_DIR) / "core" / "demo" / "content" / "events.json"


def _bundle():
    return json.loads(BUNDLE.read_text(encoding="utf-8"))


def test_the_demo_bundle_holds_only_events_in_both_languages():
    bundle = _bundle()
    assert set(bundle) == {"format", "events"} and bundle["format"] == "outbound-content/1.1"  # lead images
    events = bundle["events"]
    assert len(events) >= 5
    assert {event["kind"] for event in events} == set(EventKind.values)
    for event in events:
        assert set(event["translations"]) == {"zh-hans", "en"}
        assert all(is_country_code(code) for code in event["countries"])
    assert any(event["online"] for event in events)
    assert any(
        event["starts"].startswith("2026") and "recording" in event["translations"]["en"]["body"] for event in events
    )
    assert any(event["starts"].endswith("+07:00") and event["countries"] == ["KH"] for event in events)


@pytest.mark.django_db
def test_the_demo_bundle_imports_with_inferred_time_zones(zh, en):
    call_command("import_content", str(BUNDLE), stdout=StringIO())
    keys = {event["key"]: event for event in _bundle()["events"]}
    phnom_penh = EventPage.objects.get(locale=zh, title__contains="金边")
    assert phnom_penh.time_zone == "Asia/Phnom_Penh" and phnom_penh.shows_local_time
    assert phnom_penh.get_translation(en).time_zone == "Asia/Phnom_Penh"
    assert EventPage.objects.filter(locale=zh).count() == EventPage.objects.filter(locale=en).count() == len(keys)
    past = EventPage.objects.filter(locale=en, ends__lt=timezone.now())
    assert past.count() == 1 and past.get().time_zone == "Asia/Shanghai"

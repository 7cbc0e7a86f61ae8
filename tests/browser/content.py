"""Content for the journeys: a few items of the shared sample bundle
(../shared/content/sample-bundle.json), imported through the site's own
importer, so the pages are real bilingual content in both locales.

Event dates are moved relative to now so registration is open.
"""

import copy
import json
from datetime import timedelta

from django.utils import timezone

from tests.conftest import load_sample_bundle

GUIDES = ["cambodia", "vietnam", "thailand", "uae"]
EVENTS = ["overseas-ip-protection-training-2027", "vietnam-industrial-park-matchmaking-2027"]


def _iso(moment):
    return moment.isoformat(timespec="seconds")


def journey_bundle(full_event_capacity=1):
    """Four guides (three in South-East Asia, one in West Asia) and two events
    with registration open: the first with seats, the second with
    `full_event_capacity` seats (filled by the journey itself)."""
    bundle = load_sample_bundle()
    now = timezone.now().replace(microsecond=0)
    events = []
    for number, key in enumerate(EVENTS):
        event = copy.deepcopy(next(item for item in bundle["events"] if item["key"] == key))
        starts = now + timedelta(days=30 + number)
        event.update(
            starts=_iso(starts),
            ends=_iso(starts + timedelta(hours=3)),
            registration_opens=_iso(now - timedelta(days=1)),
            registration_closes=_iso(starts - timedelta(days=2)),
        )
        if number == 1:
            event["capacity"] = full_event_capacity
        events.append(event)
    return {
        "format": bundle["format"],
        "guides": [item for item in bundle["guides"] if item["key"] in GUIDES],
        "advisories": [],
        "events": events,
        "directory": [],
    }


def import_journey_content(**options):
    from interchange.importer import import_bundle
    from interchange.validation import load_bundle

    data = load_bundle(json.dumps(journey_bundle(**options)))
    result = import_bundle(data)
    assert not result.problems, result.problems
    return data

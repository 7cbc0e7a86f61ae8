"""Time zones of events: Beijing time for everyone, local time for events abroad.

The content bundle gives start and end as ISO 8601 with an offset but no
zone name. When an event arrives without a time zone, `infer_time_zone`
picks the zone of one of the event's countries whose offset at the start
matches the given one (an event in Phnom Penh at +07:00 → Asia/Phnom_Penh);
an event at Beijing's offset (or in UTC, which is how stored times come
back from the database) stays in Beijing time.
"""

import zoneinfo
from datetime import datetime, timedelta

from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils.translation import gettext_lazy as _

from core.validators import time_zone_names

CENTRE_TIME_ZONE = "Asia/Shanghai"


def time_zone_choices():
    return [("", _("Work it out from the countries and the start time"))] + [
        (name, name.replace("_", " ")) for name in sorted(time_zone_names())
    ]


def zone(name):
    return zoneinfo.ZoneInfo(name or CENTRE_TIME_ZONE)


def _fixed_offset_zone(offset):
    """Etc/GMT-7 is UTC+7 (POSIX signs are inverted); whole hours only."""
    hours, remainder = divmod(offset, timedelta(hours=1))
    if remainder or not -12 <= hours <= 14:
        return None
    return f"Etc/GMT{-hours:+d}"


def infer_time_zone(starts, countries):
    """The IANA zone an event's start was written in, given its countries."""
    offset = starts.utcoffset() if starts is not None else None
    if offset is None or offset == starts.astimezone(zone(CENTRE_TIME_ZONE)).utcoffset():
        return CENTRE_TIME_ZONE
    territory_zones = get_global("territory_zones")
    for code in countries or []:
        for name in territory_zones.get(code, []):
            if name in time_zone_names() and starts.astimezone(zone(name)).utcoffset() == offset:
                return name
    if not offset:
        # UTC is how Django hands back stored times: it says nothing about the venue.
        return CENTRE_TIME_ZONE
    return _fixed_offset_zone(offset) or CENTRE_TIME_ZONE


def zone_label(name, language_code):
    """A reader's name for a zone: its city (金边, Phnom Penh), or UTC+07:00."""
    if not name.startswith("Etc/"):
        locale = (language_code or "zh-hans").replace("-", "_")
        locale = "zh_Hans" if locale.lower().startswith("zh") else locale.split("_")[0]
        try:
            return get_timezone_location(name, locale=locale, return_city=True)
        except (LookupError, ValueError):
            pass
    offset = datetime.now(zone(name)).utcoffset()
    hours, remainder = divmod(abs(int(offset.total_seconds())) // 60, 60)
    return f"UTC{'-' if offset < timedelta(0) else '+'}{hours:02d}:{remainder:02d}"

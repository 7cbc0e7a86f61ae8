"""When a guide counts as out of date.

A guide is stale once twelve months have passed since its last review: from
the anniversary of the review date on (a guide reviewed on 2025-06-15 is
stale on 2026-06-15, not on 2026-06-14). `today()` is the one clock the app
reads, so tests fix it with monkeypatch.
"""

from datetime import date

from django.utils import timezone

STALE_AFTER_MONTHS = 12


def today():
    """The date in the site's time zone (Asia/Shanghai), not the server's."""
    return timezone.localdate()


def add_months(day, months):
    """`day` moved by whole months; the 29th–31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def stale_since(reviewed):
    return add_months(reviewed, STALE_AFTER_MONTHS) if reviewed else None


def is_stale(reviewed, on=None):
    """True when the review is twelve months old or older (or there is none)."""
    if reviewed is None:
        return True
    return (on or today()) >= stale_since(reviewed)

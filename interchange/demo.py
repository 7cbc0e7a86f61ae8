"""The demo content: every core/demo/content/*.json, through the importer.

Run by `manage.py load_demo` after the site structure is built, so demo pages
take the same path as any imported content; a second run changes nothing.
One event's dates are filled in from the day of loading first
(core.demo.day.date_from_load_day).
"""

from django.conf import settings

from core.demo.day import date_from_load_day

from .files import read_bundles
from .importer import import_bundle
from .validation import LISTS, BundleError

DEMO_CONTENT = settings.BASE_DIR / "core" / "demo" / "content"


def import_demo_content(directory=DEMO_CONTENT):
    """Import the demo bundles; returns summary lines. Raises BundleError."""
    files = sorted(directory.glob("*.json"))
    if not files:
        return []
    data = date_from_load_day(read_bundles(files))
    result = import_bundle(data)
    if not result.ok:
        raise BundleError(result.problems)
    lines = []
    for name in LISTS:
        counts = result.counts[name]
        if data.get(name):
            lines.append(
                f"{name}: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged"
            )
    lines.extend(str(note) for note in result.notes)
    lines.append(f"demo content imported in {result.elapsed:.1f} s")
    return lines

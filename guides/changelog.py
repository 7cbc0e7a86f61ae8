"""The public change log of a guide: recorded on publication, read by the
guide page, its country's Atom feed, the compare page and the follow digest.

On each publication of a guide (any language) its tracked values are
compared with the previous live revision of the same page: the revision
of its previous "publish" log entry (Wagtail sends page_published before it
logs the new one). A first publication records nothing: nothing changed.
"""

from datetime import timedelta

from wagtail.models import PageLogEntry

from guides import freshness
from guides.change_lines import RECENT_DAYS, describe
from guides.facts import CHANGE_LABELS
from guides.models import GuideChange

TRACKED = tuple(CHANGE_LABELS)
__all__ = ["RECENT_DAYS", "changes_between", "describe", "facts_changed_since", "record_publication"]


def _stored(value):
    """A field value as the log keeps it: text, "" for none."""
    return "" if value is None else str(value)


def previous_live_revision(page, revision):
    entry = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .order_by("-timestamp", "-pk")
        .select_related("revision")
        .first()
    )
    return entry.revision if entry else None


def record_publication(page, revision=None):
    """Log what this publication of `page` changed; returns the new entries."""
    previous_revision = previous_live_revision(page, revision)
    if previous_revision is None:
        return []
    previous = previous_revision.as_object()
    today = freshness.today()
    entries = [
        GuideChange(
            guide=page,
            changed_on=today,
            fact=name,
            old_value=_stored(getattr(previous, name)),
            new_value=_stored(getattr(page, name)),
            source=getattr(page, f"{name}_source", ""),
        )
        for name in TRACKED
        if _stored(getattr(previous, name)) != _stored(getattr(page, name))
    ]
    note = page.change_note.strip()
    if note and note != (previous.change_note or "").strip():
        entries.append(GuideChange(guide=page, changed_on=today, note=note))
    return GuideChange.objects.bulk_create(entries)


def facts_changed_since(guides, days=RECENT_DAYS, today=None):
    """{guide pk: {fact names changed in the last `days` days}} for the compare page."""
    since = (today or freshness.today()) - timedelta(days=days)
    changed = {}
    rows = GuideChange.objects.filter(guide__in=guides, changed_on__gte=since).exclude(fact="")
    for guide_id, fact in rows.values_list("guide_id", "fact"):
        changed.setdefault(guide_id, set()).add(fact)
    return changed


def changes_between(guides, since, until):
    """Entries of these guides dated since ≤ day < until, newest first (the follow digest)."""
    return GuideChange.objects.filter(guide__in=guides, changed_on__gte=since, changed_on__lt=until).select_related(
        "guide"
    )

"""A change-log entry as readers see it (the guide page, its feed, the
digest). No model import: the guide model uses it (guides.changelog, which
records entries, imports the models)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from guides.facts import CHANGE_LABELS, format_stored_value

RECENT_DAYS = 90  # the compare page marks facts changed this recently
RECENT_ON_PAGE = 5


@dataclass(frozen=True)
class ChangeLine:
    """One entry as readers see it, in their language."""

    changed_on: date
    text: str
    source: str
    pk: int
    fact: str


def describe(change, language_code=None, today=None):
    if not change.fact:
        return ChangeLine(change.changed_on, change.note, "", change.pk, "")
    old = format_stored_value(change.fact, change.old_value, language_code, today) or _("not recorded")
    new = format_stored_value(change.fact, change.new_value, language_code, today) or _("not recorded")
    text = _("%(fact)s: %(old)s → %(new)s") % {"fact": CHANGE_LABELS[change.fact], "old": old, "new": new}
    return ChangeLine(change.changed_on, text, change.source, change.pk, change.fact)


def recent_lines(changes, language_code=None):
    """The newest entries of a guide's `changes` (its related manager), described."""
    return [describe(change, language_code) for change in changes.all()[:RECENT_ON_PAGE]]

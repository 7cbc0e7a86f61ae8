"""Filtering and ordering the guides of one locale for the index page.

Guides are filtered and sorted in Python: the sort key is the country's CLDR
name in the reader's language (pinyin for Chinese), which no database holds,
and a locale has at most a couple of hundred guides, fetched in one query.
"""

from dataclasses import dataclass

from core.vocabularies import collation_key, country_name

SORT_BY_NAME = "name"
SORT_BY_REVIEWED = "reviewed"


@dataclass(frozen=True)
class GuideFilters:
    """Keys from core.vocabularies; an empty string means "any"."""

    region: str = ""
    initiative: str = ""
    sector: str = ""
    risk: str = ""

    @property
    def active(self):
        return any((self.region, self.initiative, self.sector, self.risk))

    def matches(self, guide):
        return (
            (not self.region or guide.region == self.region)
            and (not self.initiative or self.initiative in (guide.initiatives or []))
            and (not self.sector or self.sector in (guide.sectors or []))
            and (not self.risk or guide.risk_level == self.risk)
        )

    def apply(self, guides):
        return [guide for guide in guides if self.matches(guide)]


def sort_guides(guides, sort, language_code):
    """By country name in the reader's language, or most recently reviewed first
    (then by name, so guides reviewed the same day keep a stable order)."""

    def by_name(guide):
        return collation_key(country_name(guide.country, language_code), language_code)

    ordered = sorted(guides, key=by_name)
    if sort == SORT_BY_REVIEWED:
        ordered.sort(key=lambda guide: guide.reviewed, reverse=True)
    return ordered

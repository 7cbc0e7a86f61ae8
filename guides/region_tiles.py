"""The guide index's map: a tile per country or region with a guide, grouped
by region, drawn on the server as HTML.

It has no borders, coastlines or shapes on purpose: a map with national
borders published in China must match the standard map and carry an approval
number (审图号), which no freely available border data has (guides/README.md).
The region groups (core.vocabularies.Region, in its order) let a visitor find
a country by place; each tile is a link named by the country's name in the
reader's language.
"""

from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from core.vocabularies import Region, collation_key


@dataclass(frozen=True)
class GuideLink:
    """What the tiles need to know about one guide."""

    country: str
    region: str
    name: str  # the country's name in the reader's language
    url: str
    highlighted: bool = True  # False: it has a guide, but not one the current filters select


@dataclass(frozen=True)
class RegionTiles:
    region: str
    label: str
    links: list


def region_tiles(links, language_code):
    """The regions that have a guide, in the vocabulary's order, each with its
    guides in alphabetical (in Chinese, pinyin) order of their names."""
    by_region = {}
    for link in links:
        by_region.setdefault(link.region, []).append(link)
    return [
        RegionTiles(
            region.value,
            region.label,
            sorted(by_region[region.value], key=lambda link: collation_key(link.name, language_code)),
        )
        for region in Region
        if region.value in by_region
    ]


DIMMED = " region-tile--dimmed"


def tile_class_ends(html, urls):
    """[(offset, guide id)] in `html` (the tiles, every one in full colour):
    where each guide's tile's class attribute ends, for `dim`. `urls`:
    {guide id: its URL}, one tile each."""
    ends = []
    for guide_id, url in urls.items():
        opening = f'<a href="{conditional_escape(url)}" class="region-tile'
        at = html.index(opening)  # a guide without its tile is a broken template: fail loudly
        ends.append((at + len(opening), guide_id))
    return sorted(ends)


def dim(html, ends, highlighted_ids):
    """`html` with the tiles of the guides not in `highlighted_ids` dimmed."""
    parts, last = [], 0
    for at, guide_id in ends:
        if guide_id not in highlighted_ids:
            parts += [html[last:at], DIMMED]
            last = at
    parts.append(html[last:])
    return SafeString("".join(parts))

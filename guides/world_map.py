"""The world map on the guide index, drawn on the server as inline SVG.

The shapes come from guides/data/world-110m.json (Natural Earth 1:110m,
projected once by guides/data/build_world_map.py), so no tile server and no
request leaves the site. Countries with a guide are links with an accessible
name; places too small for the scale (Hong Kong, Macao, Singapore …) are dots.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "world-110m.json"


@cache
def map_data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class GuideLink:
    """What the map needs to know about one guide."""

    country: str
    name: str  # the country's name in the reader's language
    url: str
    highlighted: bool = True  # False: it has a guide, but not one the current filters select


@dataclass(frozen=True)
class MapShape:
    code: str
    path: str = ""
    x: int = 0  # marker position, for places without a shape
    y: int = 0
    link: GuideLink | None = None


def world_map(links):
    """The map's view box, its plain background shapes, and the guides' shapes and markers.

    Guides' shapes come after the background so their outlines are drawn on top;
    highlighted ones last of all.
    """
    data = map_data()
    by_country = {link.country: link for link in links}
    background = [path for code, path in data["countries"].items() if code not in by_country]
    guides = [
        MapShape(code, path=path, link=by_country[code])
        for code, path in data["countries"].items()
        if code in by_country
    ]
    guides.sort(key=lambda shape: shape.link.highlighted)
    markers = [
        MapShape(code, x=x, y=y, link=by_country[code])
        for code, (x, y) in data["markers"].items()
        if code in by_country
    ]
    return {"view_box": data["view_box"], "background": background, "guides": guides, "markers": markers}

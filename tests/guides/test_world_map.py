"""The committed map data (guides/data/world-110m.json) and its rendering."""

import re

from core.vocabularies import is_country_code
from guides.world_map import DATA_FILE, GuideLink, map_data, world_map

PATH = re.compile(r"^(M-?\d+ -?\d+l(-?\d+ ?-?\d+ ?)+z)+$")


def test_the_data_file_is_small_and_keyed_by_iso_codes():
    assert DATA_FILE.stat().st_size < 200_000
    data = map_data()
    assert len(data["countries"]) > 150
    assert all(is_country_code(code) for code in [*data["countries"], *data["markers"]])
    assert all(PATH.match(path) for path in data["countries"].values())
    assert "Natural Earth" in data["source"]


def test_territory_follows_chinas_position_and_small_places_are_markers():
    data = map_data()
    assert "TW" not in data["countries"] and "CN" in data["countries"]
    assert "AQ" not in data["countries"]
    for code in ("HK", "MO", "SG", "BH", "MT"):
        assert code in data["markers"] and code not in data["countries"]
    width, height = map(int, data["view_box"].split()[2:])
    for x, y in data["markers"].values():
        assert 0 <= x <= width and 0 <= y <= height


def test_guides_become_links_and_only_guides_get_markers():
    result = world_map(
        [
            GuideLink("KH", "Cambodia", "/en/guides/kh/"),
            GuideLink("HK", "Hong Kong SAR China", "/en/guides/hk/"),
            GuideLink("VN", "Vietnam", "/en/guides/vn/", highlighted=False),
        ]
    )
    assert [shape.code for shape in result["guides"]] == ["VN", "KH"]  # highlighted drawn last, on top
    assert [marker.code for marker in result["markers"]] == ["HK"]
    assert len(result["background"]) == len(map_data()["countries"]) - 2

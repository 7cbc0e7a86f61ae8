"""Build guides/data/world-110m.json, the country shapes of the index page's map.

Run once by hand when the source data changes; the output is committed and the
site never fetches map data at run time:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    cd /work/main && .venv/bin/python guides/data/build_world_map.py /tmp/package/countries-110m.json

Source: the npm package world-atlas 2.0.2 (ISC licence), a TopoJSON
redistribution of Natural Earth 4.1.0 1:110m admin-0 countries, which is in
the public domain. Features are keyed by ISO 3166-1 numeric code; CLDR (via
Babel) maps them to alpha-2.

Output: Equal Earth projection (a public equal-area projection: no country
looks bigger than it is), Greenwich-centred, Antarctica left out, one SVG path
per alpha-2 code with integer relative coordinates, plus point markers for
guide-worthy places too small for 1:110m (Hong Kong, Macao, Singapore …).
"""

import json
import math
import sys
from pathlib import Path

from babel.core import get_global

OUTPUT = Path(__file__).with_name("world-110m.json")
WIDTH = 1000  # viewBox width; the height follows from the projection

# The map follows the People's Republic of China's position on territory:
# features Natural Earth draws separately are drawn as part of the state
# China recognises (Taiwan with China; Kosovo, Northern Cyprus and Somaliland,
# which carry no ISO code in the data, with Serbia, Cyprus and Somalia).
MERGE_INTO = {"TW": "CN", "N. Cyprus": "CY", "Kosovo": "RS", "Somaliland": "SO"}
LEAVE_OUT = {"AQ"}

# (longitude, latitude) of places absent at 1:110m, drawn as dots when they have a guide.
MARKERS = {
    "AD": (1.52, 42.51),
    "AG": (-61.80, 17.07),
    "BB": (-59.54, 13.19),
    "BH": (50.56, 26.07),
    "CV": (-23.51, 14.93),
    "DM": (-61.37, 15.41),
    "FM": (158.16, 6.92),
    "GD": (-61.68, 12.12),
    "HK": (114.17, 22.32),
    "KI": (172.98, 1.45),
    "KM": (43.26, -11.70),
    "KN": (-62.72, 17.30),
    "LC": (-60.98, 13.91),
    "LI": (9.55, 47.16),
    "MC": (7.42, 43.74),
    "MH": (171.38, 7.09),
    "MO": (113.54, 22.20),
    "MT": (14.51, 35.90),
    "MU": (57.55, -20.25),
    "MV": (73.51, 4.18),
    "NR": (166.93, -0.52),
    "PW": (134.58, 7.50),
    "SC": (55.45, -4.62),
    "SG": (103.82, 1.35),
    "SM": (12.46, 43.94),
    "ST": (6.73, 0.34),
    "TO": (-175.20, -21.14),
    "TV": (179.19, -8.52),
    "VA": (12.45, 41.90),
    "VC": (-61.20, 13.25),
    "WS": (-171.75, -13.83),
}

# Equal Earth (Šavrič, Patterson and Jenny, 2018)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
MAX_X = 2.7066297  # x at longitude ±180°, latitude 0
MAX_LATITUDE, MIN_LATITUDE = 84.0, -56.0  # Arctic coast to Cape Horn


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


SCALE = WIDTH / (2 * MAX_X)
TOP = equal_earth(0, MAX_LATITUDE)[1]
HEIGHT = round((TOP - equal_earth(0, MIN_LATITUDE)[1]) * SCALE)


def to_view(lon, lat):
    x, y = equal_earth(lon, max(min(lat, MAX_LATITUDE), MIN_LATITUDE))
    return round((x + MAX_X) * SCALE), round((TOP - y) * SCALE)


def decode_arcs(topology):
    """TopoJSON arcs are quantised and delta-encoded: rebuild absolute lon/lat."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)  # consecutive arcs share an end point
    return points


def unwrap(points):
    """Make longitudes continuous across the antimeridian (Russia, Fiji cross it)."""
    out = [points[0]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        lon += 360 * round((previous - lon) / 360)
        out.append((lon, lat))
    return out


def clip(points, inside, boundary):
    """Sutherland–Hodgman against one meridian: the part of the ring where inside(lon)."""
    out = []
    for (alon, alat), (blon, blat) in zip(points, points[1:] + points[:1], strict=True):
        if inside(blon):
            if not inside(alon):
                out.append((boundary, alat + (blat - alat) * (boundary - alon) / (blon - alon)))
            out.append((blon, blat))
        elif inside(alon):
            out.append((boundary, alat + (blat - alat) * (boundary - alon) / (blon - alon)))
    return out


def densify_cuts(points):
    """A cut runs along the ±180° meridian, which Equal Earth curves: add points along it."""
    out = []
    for (alon, alat), (blon, blat) in zip(points, points[1:] + points[:1], strict=True):
        out.append((alon, alat))
        if abs(alon) == 180 and alon == blon:
            steps = int(abs(blat - alat))
            out.extend((alon, alat + (blat - alat) * i / (steps + 1)) for i in range(1, steps + 1))
    return out


def split_at_antimeridian(points):
    """The ring as one or more rings within -180°..180° (a crossing ring is cut in two)."""
    points = unwrap(points)
    if all(-180 <= lon <= 180 for lon, _lat in points):
        return [points]
    pieces = []
    for shift in (-360, 0, 360):
        shifted = [(lon + shift, lat) for lon, lat in points]
        piece = clip(clip(shifted, lambda lon: lon <= 180, 180), lambda lon: lon >= -180, -180)
        if len(piece) >= 3:
            pieces.append(densify_cuts(piece))
    return pieces


def ring_path(points):
    """One closed subpath in relative integer coordinates, repeated points dropped."""
    projected = [to_view(lon, lat) for lon, lat in points]
    kept = [projected[0]]
    for point in projected[1:]:
        if point != kept[-1]:
            kept.append(point)
    if len(kept) < 3:
        return ""
    x0, y0 = kept[0]
    steps = []
    for (ax, ay), (bx, by) in zip(kept, kept[1:], strict=False):
        steps.append(f"{bx - ax} {by - ay}")
    return f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z"


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build(topology):
    numeric_to_alpha2 = {
        code: aliases[0] for code, aliases in get_global("territory_aliases").items() if code.isdigit()
    }
    arcs = decode_arcs(topology)
    paths = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = numeric_to_alpha2.get(geometry.get("id", ""), "")
        code = MERGE_INTO.get(code) or MERGE_INTO.get(name) or code
        if not code or code in LEAVE_OUT:
            print(f"skipped {name!r} (no ISO code)", file=sys.stderr)
            continue
        for polygon in polygons(geometry):
            for ring in polygon:
                for piece in split_at_antimeridian(ring_points(ring, arcs)):
                    paths[code] = paths.get(code, "") + ring_path(piece)
    markers = {code: list(to_view(lon, lat)) for code, (lon, lat) in MARKERS.items() if code not in paths}
    return {
        "source": "Natural Earth 1:110m admin-0 countries 4.1.0 (public domain), via world-atlas 2.0.2 (ISC)",
        "projection": "Equal Earth",
        "view_box": f"0 0 {WIDTH} {HEIGHT}",
        "countries": dict(sorted(paths.items())),
        "markers": dict(sorted(markers.items())),
    }


def main(source):
    data = build(json.loads(Path(source).read_text(encoding="utf-8")))
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{OUTPUT}: {len(data['countries'])} countries, {len(data['markers'])} markers, {OUTPUT.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main(sys.argv[1])

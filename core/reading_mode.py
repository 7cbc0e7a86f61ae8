"""The elder-friendly, accessible reading mode (适老化 / 无障碍).

One query parameter chooses it: `?easy=1` (larger text, high contrast, big
targets, no motion, one column), `?easy=2` (the same with larger text still),
`?easy=0` (back to the standard presentation). The server renders the mode
the parameter names, so the switch works without JavaScript; where
JavaScript runs, site/static/js/reading-mode.js remembers the choice in local
storage (no cookie: a cookie would take the visitor out of the page cache)
and applies it on every page.

The page cache keys a page by this mode (settings.PAGE_CACHE_KEY_VARIANTS,
edge/cache.py), so one mode's page is never served for the other.
"""

from urllib.parse import urlencode

PARAMETER = "easy"
STANDARD = "standard"
EASY = "easy"
LARGER = "larger"
MODES = {"0": STANDARD, "1": EASY, "2": LARGER}
VALUES = {mode: value for value, mode in MODES.items()}


def reading_mode(request):
    """The mode the request asks for: standard unless the parameter names another."""
    return MODES.get(request.GET.get(PARAMETER, ""), STANDARD)


def _other_parameters(request):
    return sorted((name, values) for name, values in request.GET.lists() if name != PARAMETER)


def _mode_url(path, others, mode):
    """The page at `path` in `mode`, with its other query parameters (`others`: sorted (name, values))."""
    if not others:  # the usual case, without copying and sorting a QueryDict for each of three links
        return f"{path}?{PARAMETER}={VALUES[mode]}"
    return f"{path}?{urlencode(sorted([*others, (PARAMETER, [VALUES[mode]])]), doseq=True)}"


def mode_links(request):
    """What the switch and the text-size control link to, and the mode rendered."""
    mode = reading_mode(request)
    others = _other_parameters(request)
    return {
        "mode": mode,
        "easy": mode != STANDARD,
        "urls": {name: _mode_url(request.path, others, name) for name in (STANDARD, EASY, LARGER)},
    }

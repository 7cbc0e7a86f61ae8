"""Pinyin typed without an input method: jianpuzhai, "jian pu zhai",
jiǎnpǔzhài or jian3pu3zhai4 finds 柬埔寨 (search.aliases applies it to every
query), and the initials of the common names (jpz) complete in suggestions.

Names spelled: every country's Chinese name (core.vocabularies), the place
and organisation names of the centre's dictionary (dictionary.txt, tags ns,
nt, nz) and the Chinese names of directory entries — at most MAX_NAMES, read
again at most every REFRESH_SECONDS per process.
"""

import re
import threading
import time

from pypinyin import Style, lazy_pinyin

from core.vocabularies import country_codes, country_name
from search import text

MAX_NAMES = 5000
REFRESH_SECONDS = 600
MIN_SPELLING = 4  # letters: shorter spellings (an, xi) are too often something else
NAME_TAGS = {"ns", "nt", "nz"}

_TONE_NUMBERS = re.compile(r"(?<=[a-z])[1-5]")
_lock = threading.Lock()
_built = {"at": None, "names": None, "initials": None}


def without_tone_numbers(value):
    """jian3pu3zhai4 → jianpuzhai (accents are already gone after text.fold)."""
    return _TONE_NUMBERS.sub("", value)


def spelling(name):
    return "".join(lazy_pinyin(name, style=Style.NORMAL, errors="ignore")).lower()


def initials(name):
    return "".join(syllable[0] for syllable in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")).lower()


def _common_names():
    """Countries and the dictionary's names: the ones whose initials complete."""
    names = [country_name(code, "zh-hans") for code in sorted(country_codes())]
    names.extend(word for word, _freq, tag in text.centre_terms() if tag in NAME_TAGS)
    return [name for name in dict.fromkeys(names) if text.HAN_RUN.fullmatch(name) and len(name) >= 2]


def _directory_names():
    from directory.models import DirectoryEntry

    names = (
        DirectoryEntry.objects.filter(locale__language_code="zh-hans")
        .order_by("pk")
        .values_list("name", flat=True)[:MAX_NAMES]
    )
    return [name for name in names if text.HAN_RUN.fullmatch(name)]


def _build():
    common = _common_names()
    by_spelling, by_initials = {}, {}
    for name in [*common, *_directory_names()][:MAX_NAMES]:
        if len(key := spelling(name)) >= MIN_SPELLING:
            by_spelling.setdefault(key, ())
            if name not in by_spelling[key]:
                by_spelling[key] += (name,)
    for name in common:
        by_initials.setdefault(initials(name), name)  # the first (a country) wins a shared abbreviation
    return by_spelling, by_initials


def _current():
    with _lock:
        if _built["at"] is None or time.monotonic() - _built["at"] > REFRESH_SECONDS:
            _built["names"], _built["initials"] = _build()
            _built["at"] = time.monotonic()
        return _built["names"], _built["initials"]


def pinyin_names():
    """spelling without tones ("jianpuzhai") → the names it spells."""
    return _current()[0]


def suggestion_text(typed):
    """The Chinese name a whole suggestion query spells or abbreviates (jpz → 柬埔寨), else None."""
    key = without_tone_numbers(text.fold(typed).replace(" ", ""))
    if not (key.isascii() and key.isalpha()):
        return None
    names, by_initials = _current()
    if spelled := names.get(key):
        return spelled[0]
    return by_initials.get(key) if 3 <= len(key) <= 6 else None


def forget():
    """Read the names again at the next query (tests, after changing directory entries)."""
    with _lock:
        _built["at"] = None

"""The alias dictionary: groups of terms that mean the same thing, in either
language, applied to queries on every backend (search.query expands a query
word into its group; nothing is re-indexed).

A group comes from:
- the editors' SearchAlias snippets (Snippets → Search aliases): abbreviations
  and other names (ODI, 西港 = 西哈努克港 = Sihanoukville …);
- every country's name in both languages (core.vocabularies, CLDR), so
  "Vietnam" on the Chinese page finds 越南 and 阿联酋 on the English one the
  United Arab Emirates, once the snippets say 阿联酋 = 阿拉伯联合酋长国;
Groups that share a term are merged. Pinyin (search.pinyin) leads one way
only: jianpuzhai finds 柬埔寨 and its group, not the other way round.

The editors' groups are read from the database once and kept in the cache
(CACHE_KEY) until a SearchAlias is saved or deleted; each process keeps the
index built from them until the cached groups change.
"""

import functools
import re
import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.vocabularies import country_codes, country_name
from search import pinyin, text

CACHE_KEY = "search:alias-groups"
CACHE_SECONDS = 24 * 3600


def units(value):
    """A term as the query sees it: Han words (jieba) and folded Latin words, in order."""
    result, position = [], 0
    for match in text.HAN_RUN.finditer(value):
        result.extend(_latin_units(value[position : match.start()]))
        result.extend(word for word in text.segmenter().cut(match.group(), HMM=True) if word.strip())
        position = match.end()
    result.extend(_latin_units(value[position:]))
    return result


def _latin_units(value):
    return re.findall(r"[^\W_]+", text.fold(value))


def editor_groups():
    """The SearchAlias groups, from the cache (filled from the database on a miss)."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        from search.models import SearchAlias

        groups = tuple(tuple(alias.term_list) for alias in SearchAlias.objects.only("terms"))
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def country_groups():
    """Each country's name in Chinese and English."""
    return tuple(
        (country_name(code, "zh-hans"), country_name(code, "en"))
        for code in sorted(country_codes())
        if country_name(code, "zh-hans") != code
    )


def country_named(group):
    """The code of the country a group names (one of its terms is a country's name), else None."""
    codes = _country_codes_by_name()
    return next((codes[term.casefold()] for term in group if term.casefold() in codes), None)


@functools.cache
def _country_codes_by_name():
    return {
        country_name(code, language).casefold(): code
        for code in country_codes()
        for language in ("zh-hans", "en")
        if country_name(code, language) != code
    }


class AliasIndex:
    """(unit, …) → the merged group (a tuple of terms) it belongs to."""

    def __init__(self, groups, pinyin_names=None):
        merged = []  # lists of terms; a term's list is found through `owner`
        owner = {}
        for group in groups:
            target = next((owner[term.casefold()] for term in group if term.casefold() in owner), None)
            if target is None:
                target = []
                merged.append(target)
            for term in group:
                if term.casefold() not in owner:
                    owner[term.casefold()] = target
                    target.append(term)
        self.by_units = {}
        for terms in merged:
            if len(terms) < 2:
                continue
            group = tuple(terms)
            for term in group:
                if key := tuple(units(term)):
                    self.by_units.setdefault(key, group)
        self.longest = max((len(key) for key in self.by_units), default=1)
        self.pinyin_names = pinyin_names or {}  # "jianpuzhai" -> ("柬埔寨",)

    def group(self, key):
        """The group of a run of query units: an alias, or the names a run of pinyin spells."""
        if found := self.by_units.get(key):
            return found
        spelled = _pinyin_key(key)
        if spelled and (names := self.pinyin_names.get(spelled)):
            found = []
            for name in names:
                for term in (name, *self.by_units.get(tuple(units(name)), ())):
                    if term not in found:
                        found.append(term)
            return tuple(found)
        return None


def _pinyin_key(key):
    """Units that may be pinyin (letters, tone numbers) run together: ("jian3", "pu", "zhai") → "jianpuzhai"."""
    joined = pinyin.without_tone_numbers("".join(key))
    return joined if joined.isascii() and joined.isalpha() else ""


_built = {"groups": None, "pinyin_names": None, "index": None}
_lock = threading.Lock()


def alias_index():
    """The index of every group, rebuilt in this process when the editors'
    groups changed or search.pinyin read the names again (a directory entry
    listed since: its pinyin finds it once the names are read again)."""
    groups = editor_groups()
    names = pinyin.pinyin_names()
    with _lock:
        if _built["groups"] != groups or _built["pinyin_names"] is not names or _built["index"] is None:
            _built["index"] = AliasIndex((*groups, *country_groups()), names)
            _built["groups"], _built["pinyin_names"] = groups, names
        return _built["index"]


def forget_editor_groups(**kwargs):
    """A SearchAlias changed: the next search reads the groups again (now, and
    again once the change is committed, so no search caches the old ones meanwhile)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def connect_handlers():
    from search.models import SearchAlias

    post_save.connect(forget_editor_groups, sender=SearchAlias, dispatch_uid="search_alias_saved")
    post_delete.connect(forget_editor_groups, sender=SearchAlias, dispatch_uid="search_alias_deleted")

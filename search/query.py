"""A visitor's query: cleaned, bounded, turned into a modelsearch query.

Anything may arrive in ?q= (quotes, brackets, AND/OR, Lucene syntax, emoji,
10,000 characters). Nothing in it is interpreted as engine syntax: text in
double quotes (ASCII or Chinese) is a phrase, the rest is plain words. The
engines get `match` queries and the database backends analysed terms, so no
input can make a backend raise a syntax error.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import normalise_query_string

from search import aliases, text

MAX_QUERY_LENGTH = 200  # characters searched; longer input is cut and the visitor told
MAX_PHRASES = 5
PINYIN_SYLLABLES = 6  # pinyin typed with spaces: a name's syllables are separate units
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')
_SEARCHABLE = re.compile(r"[^\W_]")


@lru_cache(maxsize=1)
def _traditional_to_simplified():
    return opencc.OpenCC("t2s")


def simplified(value):
    """`value` with traditional Chinese characters in simplified form (other text unchanged)."""
    return _traditional_to_simplified().convert(value) if text.HAN_RUN.search(value) else value


@dataclass(frozen=True)
class VisitorQuery:
    text: str  # as typed (cleaned, at most MAX_QUERY_LENGTH): shown, counted, matched against promotions
    truncated: bool
    words: str  # outside quotes, in simplified characters
    phrases: tuple  # in simplified characters

    @property
    def search_text(self):
        """What is searched: the text in simplified characters."""
        return simplified(self.text)

    @property
    def is_searchable(self):
        """At least one letter, digit or Han character."""
        return bool(_SEARCHABLE.search(self.text))

    @property
    def normalised(self):
        """The form stored for reports and matched against editors' promotions."""
        return normalise_query_string(self.text)

    def can_broaden(self):
        """More than one word (Chinese counted in words, not characters)."""
        return len(text.query_terms(" ".join([self.words, *self.phrases]))) > 1

    def expansions(self):
        """The alias groups the words expand into."""
        return expand_aliases(self.words)[1]

    def named_country(self):
        """The country code when the words are just a country's name (in either language,
        an alias or pinyin of it: 柬埔寨, Cambodia, jianpuzhai), else None."""
        plain, groups = expand_aliases(self.words)
        if plain.strip() or self.phrases or len(groups) != 1:
            return None
        return aliases.country_named(groups[0])

    def as_search_query(self, operator="and"):
        """All phrases and the words (all of them with "and", any with "or");
        a word from the alias dictionary also matches its aliases."""
        plain, groups = expand_aliases(self.words)
        if operator == "or":
            # Broadened: every word, quoted or not, counts on its own.
            variants = [variant for group in groups for variant in group]
            return PlainText(" ".join([plain, *variants, *self.phrases]).strip(), operator="or")
        parts = [Phrase(phrase) for phrase in self.phrases]
        if plain:
            parts.append(PlainText(plain, operator=operator))
        parts.extend(Or([PlainText(variant, operator="and") for variant in group]) for group in groups)
        return parts[0] if len(parts) == 1 else And(parts)


def expand_aliases(words):
    """(the words without the alias runs, [groups found]); runs matched longest
    first (search.aliases: the editors' aliases, country names, pinyin)."""
    units = aliases.units(words)
    index = aliases.alias_index()
    plain, groups, position = [], [], 0
    while position < len(units):
        for length in range(min(max(index.longest, PINYIN_SYLLABLES), len(units) - position), 0, -1):
            group = index.group(tuple(units[position : position + length]))
            if group is not None:
                if group not in groups:
                    groups.append(group)
                position += length
                break
        else:
            plain.append(units[position])
            position += 1
    if not groups:
        return words, []
    return " ".join(plain), groups


def clean(raw):
    """Printable text with single spaces; control and format characters dropped."""
    raw = unicodedata.normalize("NFC", raw or "")
    kept = (" " if ch.isspace() else ch for ch in raw if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join("".join(kept).split())


def parse(raw):
    text = clean(raw)
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    phrases, extra = [], []
    for match in _QUOTED.finditer(text):
        phrase = " ".join(next(group for group in match.groups() if group).split())
        if _SEARCHABLE.search(phrase):
            (phrases if len(phrases) < MAX_PHRASES else extra).append(phrase)
    words = " ".join([_QUOTED.sub(" ", text).replace('"', " "), *extra]).split()
    words = simplified(" ".join(words))
    phrases = tuple(simplified(phrase) for phrase in phrases)
    return VisitorQuery(text=text, truncated=truncated, words=words, phrases=phrases)

"""Highlighted snippets, made in Python so that every backend gets them (the
database backends store analysed text, which is not fit to show)."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import text as analysis

SNIPPET_LENGTH = 180
_HAN_RUN = analysis.HAN_RUN
_WORD = re.compile(r"[^\W_]+")


def terms(visitor_query):
    """Han words, and stems (with whether a longer word may begin with them):
    what highlight() marks. Worked out once for a page of results (the query
    analysed and its aliases expanded), not once per title and snippet."""
    han, stems = set(), {}
    synonyms = [variant for group in visitor_query.expansions() for variant in group]
    for source in (visitor_query.words, *visitor_query.phrases, *synonyms):
        for term in analysis.query_terms(source):
            if _HAN_RUN.fullmatch(term.text):
                han.add(term.text)
            else:
                stems[term.text] = stems.get(term.text, False) or term.prefix
    return han, stems


@lru_cache(maxsize=50_000)
def _stemmed(word):
    """A word of the shown text as the index stores it (folded, stemmed): the
    same words recur in every result's text."""
    return analysis.stem(analysis.fold(word))


def _spans(value, han, stems):
    spans = []
    for match in _HAN_RUN.finditer(value):
        for term in han:
            spans.extend(
                (match.start() + m.start(), match.start() + m.end())
                for m in re.finditer(re.escape(term), match.group())
            )
    for match in _WORD.finditer(value):
        word = match.group()
        if _HAN_RUN.search(word):
            continue
        stemmed = _stemmed(word)
        if any(stemmed == s or (prefix and stemmed.startswith(s)) for s, prefix in stems.items()):
            spans.append(match.span())
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(value, spans, start, end):
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(value[position:span_start]))
        pieces.append(f"<mark>{escape(value[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(value[position:end]))
    return "".join(pieces)


def _word_boundaries(value, start, end, reach=20):
    """Move a cut to the nearest space (English) so no word is cut in half;
    Chinese has no spaces and may be cut anywhere."""
    if start > 0 and not value[start - 1].isspace():
        space = value.find(" ", start, start + reach)
        if space != -1:
            start = space + 1
    if end < len(value) and not value[end].isspace():
        space = value.rfind(" ", end - reach, end)
        if space > start:
            end = space
    return start, end


def highlight(value, visitor_query, length=None, query_terms=None):
    """`value` escaped, with the query's words in <mark>; cut to about
    `length` characters around the first match when length is given.
    `query_terms`: terms(visitor_query), when already worked out."""
    value = " ".join((value or "").split())
    spans = _spans(value, *(query_terms or terms(visitor_query)))
    start, end = 0, len(value)
    if length and len(value) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - length // 4, len(value) - length))
        end = min(len(value), start + length)
        start, end = _word_boundaries(value, start, end)
    html = _marked(value, spans, start, end)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(value) else ""))  # noqa: S308 - escaped above


def snippet(value, visitor_query, query_terms=None):
    return highlight(value, visitor_query, length=SNIPPET_LENGTH, query_terms=query_terms)

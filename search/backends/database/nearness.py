"""Nearness of a query's words, for the database backends: the best-ranked
results are re-ranked by the shortest run of stored tokens that holds every
word of the query (the minimal window), so an advisory that says "foreign
exchange registration" outranks a guide that mentions the three words pages
apart. FTS5's bm25() and PostgreSQL's ts_rank count words, not where they are.

Done in Python on a bounded set (the first NEARNESS_CANDIDATES of a source's
ranking, their stored analysed text), so its cost does not grow with the
content. The engines score nearness themselves (search/backends/engine.py).
"""

import re
from functools import lru_cache

from modelsearch.query import Phrase
from modelsearch.utils import get_descendants_content_types_pks

from search.text import QueryTerm

from ..readings import readings
from ..segmented import SegmentedText

NEARNESS_CANDIDATES = 20  # per source: the rest keep their rank (they already rank lower than these)
MAX_TOKENS = 3000  # of a result's stored text, title first: where its words are near matters most
NEARNESS_WEIGHT = 1.0  # all words side by side: relevance × (1 + weight); far apart: close to × 1


def _leaf_terms(query):
    if isinstance(query, SegmentedText):
        # A broadened "any word" query has no words that must be near each other.
        return query.terms if query.operator == "and" else None
    if isinstance(query, Phrase):
        return [QueryTerm(token) for token in query.query_string.split()]
    return None


def query_readings(query):
    """The segmented query's readings (search.backends.readings), as lists of terms."""
    return readings(query, _leaf_terms)


_FIRST_TOKENS = re.compile(rf"(?:[^ ]++ ){{{MAX_TOKENS}}}")


def stored_tokens(text):
    """`text` (stored analysed tokens) as one string of single-space-separated
    tokens, cut after the first MAX_TOKENS: what nearness reads. Kept as a
    string: splitting thousands of tokens per candidate into a list cost
    more than the rest of a search (the positions come from _positions)."""
    # An empty field leaves two spaces; other white space is not printable: read as str.split() reads it.
    if "  " in text or text[:1] == " " or text[-1:] == " " or not text.isprintable():
        text = " ".join(text.split())
    if text.count(" ") >= MAX_TOKENS and (cut := _FIRST_TOKENS.match(text)):
        text = text[: cut.end() - 1]
    return text


@lru_cache(maxsize=256)
def _term_pattern(term):
    """A term's match at the end of a token: the token itself, or for a prefix
    term any token that begins with it (where the token begins is checked by
    _positions: a pattern starting with the term's text lets the regular
    expression engine search for that text, much faster than one that
    looks behind at every character)."""
    return re.compile(re.escape(term.text) + (r"[^ ]*" if term.prefix else "") + r"(?![^ ])")


def _positions(text, terms):
    """{term: [positions]} for the terms found in `text` (from stored_tokens):
    the token positions of each term's matches, as str.split() would number
    them. The matches are found by a regular expression and numbered by the
    spaces before them, both in C: a Python loop over thousands of tokens
    per result cost more than the rest of a search."""
    starts = []
    for term in terms:
        for match in _term_pattern(term).finditer(text):
            start = match.start()
            if start == 0 or text[start - 1] == " ":  # a whole token, not the end of one
                starts.append((start, term))
    starts.sort(key=lambda item: item[0])
    found, position, previous = {}, 0, 0
    for start, term in starts:
        position += text.count(" ", previous, start)
        previous = start
        found.setdefault(term, []).append(position)
    return found


def minimal_window(positions, terms):
    """Length of the shortest run of tokens holding every term, or None;
    `positions`: {term: [positions]} (from _positions)."""
    if any(term not in positions for term in terms):
        return None
    events = sorted((position, slot) for slot, term in enumerate(terms) for position in positions[term])
    best, counts, covered, start = None, [0] * len(terms), 0, 0
    for end_position, slot in events:
        counts[slot] += 1
        covered += counts[slot] == 1
        while covered == len(terms):
            start_position, start_slot = events[start]
            length = end_position - start_position + 1
            best = length if best is None or length < best else best
            counts[start_slot] -= 1
            covered -= counts[start_slot] == 0
            start += 1
    return best


def nearness_factor(text, term_lists):
    """1 + weight × words / window, for the reading whose words are nearest: the
    words side by side double the relevance; spread over ten times their
    number, +10%; a single word, or not all the words in the text, × 1.
    `text`: stored tokens (stored_tokens)."""
    positions = _positions(text, {term for terms in term_lists for term in terms})
    best = 0.0
    for terms in term_lists:
        if len(terms) >= 2 and (window := minimal_window(positions, terms)):
            best = max(best, min(1.0, len(terms) / window))
    return 1.0 + NEARNESS_WEIGHT * best


def several_word_readings(query):
    """The readings of `query` with two words or more: those nearness scores."""
    return [terms for terms in query_readings(query) if len(terms) >= 2]


def nearer_first(index_entry_model, stored_text_fields, query, ranked_by_model):
    """{model: [(pk, relevance)]} with the first NEARNESS_CANDIDATES of each
    model's ranking re-ranked by nearness (the rest keep their rank): one
    query reads the stored text of every model's candidates. `query`: the
    segmented query (a compiler's); `stored_text_fields`: the index entry's
    fields with the analysed text, title first."""
    several_words = several_word_readings(query)
    candidates = {model: ranked[:NEARNESS_CANDIDATES] for model, ranked in ranked_by_model.items() if ranked}
    if not several_words or not candidates:
        return ranked_by_model
    model_of = {
        content_type_pk: model for model in candidates for content_type_pk in get_descendants_content_types_pks(model)
    }
    texts = index_entry_model.objects.filter(
        content_type__in=list(model_of),
        object_id__in={str(pk) for ranked in candidates.values() for pk, _ in ranked},
    ).values_list("content_type_id", "object_id", *stored_text_fields)
    tokens = {}
    for content_type_pk, object_id, *fields in texts:
        model = model_of[content_type_pk]
        tokens[(model, model._meta.pk.to_python(object_id))] = stored_tokens(" ".join(filter(None, fields)))
    reranked = dict(ranked_by_model)
    for model, ranked in candidates.items():
        boosted = []
        for pk, score in ranked:
            factor = nearness_factor(tokens.get((model, pk), ""), several_words)
            boosted.append((pk, score + abs(score) * (factor - 1)))  # abs(): a boost raises it whatever its sign
        boosted.sort(key=lambda item: item[1], reverse=True)
        reranked[model] = boosted + ranked_by_model[model][NEARNESS_CANDIDATES:]
    return reranked


class NearnessMixin:
    """For the database backends' results classes: ranked_ids is their
    relevance_ranked_ids re-ranked by nearness."""

    index_entry_model = None  # the backend's IndexEntry
    stored_text_fields = ()  # its fields with the analysed text, title first

    def ranked_ids(self, limit):
        model = self.query_compiler.queryset.model
        return self.nearer_first({model: self.relevance_ranked_ids(limit)})[model]

    def ranks_by_nearness(self):
        """Whether nearer_first can change an order (a query of two words or more)."""
        return bool(several_word_readings(self.query_compiler.query))

    def nearer_first(self, ranked_by_model):
        """nearer_first() for this query: {model: [(pk, relevance)]}, each re-ranked by nearness."""
        return nearer_first(self.index_entry_model, self.stored_text_fields, self.query_compiler.query, ranked_by_model)

"""Nearness of a query's words, for the database backends: the best-ranked
results are re-ranked by the shortest run of stored tokens that holds every
word of the query (the minimal window), so an advisory that says "foreign
exchange registration" outranks a guide that mentions the three words pages
apart. FTS5's bm25() and PostgreSQL's ts_rank count words, not where they are.

Done in Python on a bounded set (the first NEARNESS_CANDIDATES of a source's
ranking, their stored analysed text), so its cost does not grow with the
content. The engines score nearness themselves (search/backends/engine.py).
"""

from modelsearch.query import Phrase
from modelsearch.utils import get_descendants_content_types_pks

from search.text import QueryTerm

from ..readings import readings
from ..segmented import SegmentedText

NEARNESS_CANDIDATES = 50  # per source: the rest keep their rank (they already rank lower)
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


def _matches(term, token):
    return token.startswith(term.text) if term.prefix else token == term.text


def minimal_window(tokens, terms):
    """Length of the shortest run of `tokens` holding a token for every term, or None."""
    slot_sets = {}
    for token in set(tokens):
        found = frozenset(i for i, term in enumerate(terms) if _matches(term, token))
        if found:
            slot_sets[token] = found
    positions = [(position, slot_sets[token]) for position, token in enumerate(tokens) if token in slot_sets]
    if len(set().union(*(found for _, found in positions))) < len(terms):
        return None
    best, counts, covered, start = None, {}, 0, 0
    for end_position, found in positions:
        for slot in found:
            counts[slot] = counts.get(slot, 0) + 1
            covered += counts[slot] == 1
        while covered == len(terms):
            start_position, start_found = positions[start]
            length = end_position - start_position + 1
            best = length if best is None or length < best else best
            for slot in start_found:
                counts[slot] -= 1
                covered -= counts[slot] == 0
            start += 1
    return best


def nearness_factor(tokens, term_lists):
    """1 + weight × words / window, for the reading whose words are nearest: the
    words side by side double the relevance; spread over ten times their
    number, +10%; a single word, or not all the words in the text, × 1."""
    best = 0.0
    for terms in term_lists:
        if len(terms) >= 2 and (window := minimal_window(tokens, terms)):
            best = max(best, min(1.0, len(terms) / window))
    return 1.0 + NEARNESS_WEIGHT * best


class NearnessMixin:
    """For the database backends' results classes: ranked_ids is their
    relevance_ranked_ids re-ranked by nearness."""

    index_entry_model = None  # the backend's IndexEntry
    stored_text_fields = ()  # its fields with the analysed text, title first

    def ranked_ids(self, limit):
        ranked = self.relevance_ranked_ids(limit)
        several_words = [terms for terms in query_readings(self.query_compiler.query) if len(terms) >= 2]
        if not several_words or not ranked:
            return ranked
        candidates = ranked[:NEARNESS_CANDIDATES]
        model = self.query_compiler.queryset.model
        texts = self.index_entry_model.objects.filter(
            content_type__in=get_descendants_content_types_pks(model),
            object_id__in=[str(pk) for pk, _ in candidates],
        ).values_list("object_id", *self.stored_text_fields)
        to_pk = model._meta.pk.to_python
        tokens = {to_pk(object_id): " ".join(filter(None, fields)).split() for object_id, *fields in texts}
        # abs(): a boost raises the relevance whatever its sign.
        boosted = []
        for pk, score in candidates:
            factor = nearness_factor(tokens.get(pk, ()), several_words)
            boosted.append((pk, score + abs(score) * (factor - 1)))
        return sorted(boosted, key=lambda item: item[1], reverse=True) + ranked[NEARNESS_CANDIDATES:]

"""Query rewriting shared by the segmenting database backends: every PlainText
becomes SegmentedText (analysed terms) and every Phrase is analysed the same
way as the stored text (see search/text.py)."""

from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import MATCH_NONE, And, Boost, MatchAll, Not, Or, Phrase, PlainText

from search import text


class SegmentedText(PlainText):
    """A PlainText whose terms are already analysed; compilers read `terms`."""

    def __init__(self, terms, operator, boost=1):
        super().__init__(" ".join(term.text for term in terms), operator=operator, boost=boost)
        self.terms = terms

    def __repr__(self):
        return f"<SegmentedText {self.terms!r} operator={self.operator!r}>"


def analyse_value(field, value):
    """What to store for one search_fields entry's value."""
    if isinstance(field, AutocompleteField):
        return text.analyze_document(value, stemmed=False)
    if isinstance(field, SearchField):
        return text.analyze_document(value)
    return value


def segment_query(query, autocomplete=False):
    """The query tree with its text analysed; None where nothing is left to match."""
    if isinstance(query, PlainText):
        terms = text.query_terms(query.query_string, autocomplete=autocomplete)
        return SegmentedText(terms, query.operator, query.boost) if terms else None
    if isinstance(query, Phrase):
        tokens = text.phrase_tokens(query.query_string)
        if not tokens:
            return None
        return Phrase(" ".join(tokens)) if len(tokens) > 1 else SegmentedText([text.QueryTerm(tokens[0])], "and")
    if isinstance(query, (And, Or)):
        children = [child for child in (segment_query(q, autocomplete) for q in query.subqueries) if child is not None]
        if not children:
            return None
        return type(query)(children) if len(children) > 1 else children[0]
    if isinstance(query, Not):
        child = segment_query(query.subquery, autocomplete)
        return Not(child) if child is not None else None
    if isinstance(query, Boost):
        child = segment_query(query.subquery, autocomplete)
        return Boost(child, query.boost) if child is not None else None
    return query  # MatchAll, Fuzzy: left as they are


class SegmentedQueryMixin:
    """For query compilers: analyse the query once, before compiling it."""

    autocomplete = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(self.query, MatchAll):
            self.query = segment_query(self.query, autocomplete=self.autocomplete) or MATCH_NONE


def combine(lexemes, operator):
    combined = lexemes[0]
    for lexeme in lexemes[1:]:
        combined = combined & lexeme if operator == "and" else combined | lexeme
    return combined

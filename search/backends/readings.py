"""The readings of a query, for scoring how near its words are in a result:
an alias group (Or) means any one of its terms stands for the word typed, so
"law firm Vietnam" is read both as "law firm Vietnam" and as "law firm 越南".
Used by the database backends' re-rank and the engines' phrase boost."""

from modelsearch.query import And, Boost, Or

MAX_READINGS = 16  # a query with many alias groups: the first few readings are enough


def readings(query, words_of):
    """Lists of words, one per way of reading `query`; `words_of(leaf)` gives a
    leaf query's words, or None where nearness does not apply (then no reading)."""
    if isinstance(query, Boost):
        return readings(query.subquery, words_of)
    if isinstance(query, Or):
        return [reading for child in query.subqueries for reading in readings(child, words_of)][:MAX_READINGS]
    if isinstance(query, And):
        combined = [[]]
        for child in query.subqueries:
            child_readings = readings(child, words_of)
            if not child_readings:
                return []
            combined = [left + right for left in combined for right in child_readings][:MAX_READINGS]
        return combined
    words = words_of(query)
    return [list(words)] if words is not None else []

"""Who and what concerns whom: the token strings behind the code lists.

A list of codes is mirrored in a string like "|AE|KH|" (empty for "all"),
so "concerns Cambodia or everywhere" is `tokens = '' OR tokens LIKE '%|KH|%'`
on any database, without a join or JSON operators (SQLite has no JSON
containment lookup).
"""

from django.db.models import Q


def token_string(codes):
    """'|AE|KH|' for ['KH', 'AE']; '' for an empty list (= all)."""
    codes = sorted(set(codes or []))
    return f"|{'|'.join(codes)}|" if codes else ""


def concerns_q(field, codes):
    """Rows whose `field` tokens are empty (all) or include one of `codes`."""
    condition = Q(**{field: ""})
    for code in codes:
        condition |= Q(**{f"{field}__contains": f"|{code}|"})
    return condition

"""The policy documents an outcome cites, in the visitor's language.

Rules cite the source-language page (their citation is synchronised to their
translations); the visitor is shown its live translation when there is one."""

from .navigator import in_language


def localized_policies(outcome, locale):
    """The cited policies in `locale` (one query), in order; each rule of the
    outcome gets `cited`, its policy in that language (None without a citation)."""
    sources = outcome.citations
    shown = {source.pk: page for source, page in zip(sources, in_language(sources, locale), strict=True)}
    for rule in [*outcome.sensitive_countries, *outcome.sensitive_industries, *outcome.procedures]:
        rule.cited = shown.get(rule.policy_id)
    return list(shown.values())

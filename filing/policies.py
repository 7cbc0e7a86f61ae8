"""The policy documents an outcome cites, in the visitor's language.

Rules cite the source-language page (their citation is synchronised to their
translations); the visitor is shown its live translation when there is one."""


def localized_policies(outcome, locale):
    """The cited policies in `locale` (one query), in order; each rule of the
    outcome gets `cited`, its policy in that language (None without a citation)."""
    sources = outcome.citations
    translated = {}
    if sources:
        model = type(sources[0])
        translated = {
            page.translation_key: page
            for page in model.objects.live().filter(
                locale=locale, translation_key__in=[page.translation_key for page in sources]
            )
        }
    shown = {page.pk: translated.get(page.translation_key, page) for page in sources}
    for rule in [*outcome.sensitive_countries, *outcome.sensitive_industries, *outcome.procedures]:
        rule.cited = shown.get(rule.policy_id)
    return list(shown.values())

"""Public views of the guides: the compare page, a route of GuideIndexPage
(core/routing.py)."""

from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guides import freshness
from guides.catalogue import SORT_BY_NAME, sort_guides
from guides.facts import gdp_per_capita
from guides.forms import MAX_COMPARED, MIN_COMPARED, parse_compare


def compare(index, request):
    """/guides/compare/?c=KH&c=VN: facts and tags of 2 to 4 countries side by side."""
    language_code = get_language()
    today = freshness.today()
    guides = {guide.country: guide for guide in index.live_guides()}
    selection = parse_compare(request.GET.getlist("c"), guides.keys())
    columns = []
    if selection.ready and MIN_COMPARED <= len(selection.codes) <= MAX_COMPARED:
        for code in selection.codes:
            guide = guides[code]
            columns.append(
                {
                    "card": index.card(guide, request, language_code, today),
                    "facts": guide.facts(language_code, today),
                    "gdp_per_capita": gdp_per_capita(guide.gdp_usd_billions, guide.population_millions),
                }
            )
    choices = [
        index.card(guide, request, language_code, today)
        for guide in sort_guides(guides.values(), SORT_BY_NAME, language_code)
    ]
    fact_rows = [
        {"label": facts[0].label, "facts": facts}
        for facts in zip(*(column["facts"] for column in columns), strict=True)
    ]
    context = {
        # Not a page of its own: `page` stays unset so the language switcher
        # keeps the path and the ?c= selection (core_tags.language_versions).
        "index_page": index,
        "page_title": _("Compare countries"),
        "selection": selection,
        "selected": set(selection.codes),
        "columns": columns,
        "fact_rows": fact_rows,
        "choices": choices,
        "min_compared": MIN_COMPARED,
        "max_compared": MAX_COMPARED,
    }
    status = 400 if selection.errors else 200
    return TemplateResponse(request, "guides/compare.html", context, status=status)

"""The filing navigator (/<lang>/filing/): the questionnaire, one question per
step, and the result, both plain GET pages without JavaScript.

Every answer is a query parameter: a step's form carries the earlier answers
as hidden fields, and the result's URL holds all six, so it can be bookmarked,
shared and kept by the anonymous page cache (edge/cache.py: no cookie, no
CSRF token, status 200) until a rule, a cited policy, the destination's guide
or its advisories and events change (no max-age: a browser would keep a
stale answer). A missing or wrong answer sends the visitor back to
that question with the reason (status 400: never stored), never a 500."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.areas import content_area
from core.related import country_hub
from core.vocabularies import Sector, country_name, label
from edge.cache import add_area_tags
from edge.chrome import active_locale

from .forms import STEPS, NavigatorForm, first_open_step
from .models import Financing, InvestorType, Mode, ProcedureKind
from .navigator import Answers, navigate
from .policies import localized_policies

RELATED_LISTINGS = ("advisories", "events")  # the destination's hub listings shown with the result
# What a cached result shows besides the rules (a rule's publish purges the whole site):
# the cited policies' status, the guide's link and the hub listings.
RESULT_DEPENDS_ON_AREAS = ("policies", "guides", *RELATED_LISTINGS)


def _query(data, names):
    return urlencode([(name, data[name]) for name in names if data.get(name, "") != ""])


def _step_page(request, form, index, show_error, status=200):
    name = STEPS[index]
    context = {
        "form": form,
        "field": form[name],
        "error": form.errors[name][0] if show_error and name in form.errors else "",
        "step_number": index + 1,
        "step_count": len(STEPS),
        "earlier": [(earlier, form.data[earlier]) for earlier in STEPS[:index]],
        "back_url": f"{reverse('filing:start')}?{_query(form.data, STEPS[: index - 1])}" if index else "",
    }
    return render(request, "filing/step.html", context, status=status)


@require_safe
def questionnaire(request):
    """The first question not yet answered (or answered wrongly, with why);
    once all are answered, the result's URL."""
    form = NavigatorForm(request.GET)
    if form.is_valid():
        return redirect(f"{reverse('filing:result')}?{_query(request.GET, STEPS)}")
    index, answered = first_open_step(form)
    return _step_page(request, form, index, show_error=answered)


def _answers_summary(answers, data, language):
    """(question, answer, the URL of that question with the earlier answers) for each step."""
    shown = {
        "investor": label(InvestorType, answers.investor),
        "country": country_name(answers.country, language),
        "industry": label(Sector, answers.industry),
        "amount": format_amount(answers.amount),
        "mode": label(Mode, answers.mode),
        "financing": label(Financing, answers.financing),
    }
    start = reverse("filing:start")
    return [
        (NavigatorForm.base_fields[name].label, shown[name], f"{start}?{_query(data, STEPS[:index])}")
        for index, name in enumerate(STEPS)
    ]


def format_amount(amount):
    """50, 12.5, 1,200: the number as typed, without trailing zeros."""
    text = f"{amount:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _guide_url(country, locale):
    area = content_area("guides")
    guide = area.concerning(area.public(locale), country).first()
    return area.urls([guide], None, locale).get(guide.pk, "") if guide else ""


@require_safe
def result(request):
    form = NavigatorForm(request.GET)
    if not form.is_valid():
        index, _answered = first_open_step(form)
        return _step_page(request, form, index, show_error=True, status=400)
    answers = Answers(**form.cleaned_data)
    add_area_tags(request, RESULT_DEPENDS_ON_AREAS)
    locale = active_locale()
    outcome = navigate(answers, locale)
    groups = [
        (kind_label, [procedure for procedure in outcome.procedures if procedure.kind == kind])
        for kind, kind_label in ProcedureKind.choices
    ]
    context = {
        "answers": _answers_summary(answers, request.GET, locale.language_code),
        "country_label": country_name(answers.country, locale.language_code),
        "industry_label": label(Sector, answers.industry),
        "outcome": outcome,
        "groups": [(kind_label, procedures) for kind_label, procedures in groups if procedures],
        "policies": localized_policies(outcome, locale),
        "guide_url": _guide_url(answers.country, locale),
        "listings": [listing for listing in country_hub(answers.country, locale) if listing.key in RELATED_LISTINGS],
    }
    return render(request, "filing/result.html", context)

"""The policy library's index (a route of PolicyIndexPage, core/routing.py)."""

from django.core.paginator import Paginator

from policies.forms import PolicyFilterForm


def policy_index(index, request):
    policies = index.policies()
    form = PolicyFilterForm(request.GET, policies.order_by().values_list("issuing_body", "issued_on__year").distinct())
    listed = form.filter(policies).order_by("-issued_on", "title").defer_streamfields()
    paginator = Paginator(listed, index.per_page)
    return index.render(
        request,
        context_overrides={
            "form": form,
            "results": paginator.get_page(request.GET.get("page")),
            "result_count": paginator.count,
        },
    )

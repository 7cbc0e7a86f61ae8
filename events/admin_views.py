"""The centre's view of registrations in the Wagtail admin.

Only users with `events.view_registration` (the "Event managers" group) see
registrations and export them; checking attendees in needs
`events.change_registration`. Everyone else gets a 403 page, editors included.
"""

import logging
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import AdminDateInput

from .exports import XLSX_CONTENT_TYPE, to_csv, to_xlsx
from .models import EventPage, Registration
from .seats import seats_taken, with_seats_taken

logger = logging.getLogger("outbound.events")

VIEW_PERMISSION = "events.view_registration"
CHANGE_PERMISSION = "events.change_registration"
EVENTS_PER_PAGE = 50
REGISTRATIONS_PER_PAGE = 200


class Forbidden(Exception):
    pass


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise Forbidden


def _forbidding(view):
    """A plain 403 (Wagtail's admin would turn PermissionDenied into a redirect
    to the dashboard, which hides from tools and people why they were refused)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden:
            context = {"page_title": _("Registrations"), "header_icon": "group"}
            return TemplateResponse(request, "events/admin/forbidden.html", context, status=403)

    return wrapper


class RegistrationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All"))] + list(Registration.Status.choices),
    )
    registered_from = forms.DateField(label=gettext_lazy("Registered from"), required=False, widget=AdminDateInput)
    registered_to = forms.DateField(label=gettext_lazy("Registered until"), required=False, widget=AdminDateInput)

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("registered_from"), cleaned_data.get("registered_to")
        if start and end and start > end:
            self.add_error("registered_to", _("The end date is before the start date."))
        return cleaned_data

    def apply(self, queryset):
        """Valid filters only: an invalid one is shown as an error and ignored."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("registered_from"):
            queryset = queryset.filter(created_at__date__gte=data["registered_from"])
        if data.get("registered_to"):
            queryset = queryset.filter(created_at__date__lte=data["registered_to"])
        return queryset


def anchors_with_counts():
    """One page per event (the page registrations are stored against), with
    its seats taken (`occupied_seats`), seats held (`held_seats`), waitlisted
    registrations (`waitlisted`) and all registrations, in one query. The
    registrations list and the event managers' dashboard panel read it."""
    first_of_event = (
        EventPage.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk").values("pk")[:1]
    )
    return with_seats_taken(EventPage.objects.filter(pk=Subquery(first_of_event))).annotate(
        waitlisted=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
        held_seats=Sum("registrations__seats", filter=Q(registrations__status=Registration.Status.HELD)),
        registrations_count=Count("registrations"),
    )


@_forbidding
def event_list(request):
    _require(request, VIEW_PERMISSION)
    events = anchors_with_counts().select_related("locale").order_by("-starts")
    page_obj = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/event_list.html",
        {"page_title": _("Registrations"), "header_icon": "group", "page_obj": page_obj, "events": page_obj},
    )


def _event(event_id):
    return get_object_or_404(EventPage, pk=event_id)


@_forbidding
def registration_list(request, event_id):
    _require(request, VIEW_PERMISSION)
    event = _event(event_id)
    if event.pk != event.registration_anchor_id:
        return redirect("events_registrations:list", event.registration_anchor_id)
    form = RegistrationFilterForm(request.GET)
    registrations = form.apply(event.registrations.all()).order_by("created_at", "pk")
    page_obj = Paginator(registrations, REGISTRATIONS_PER_PAGE).get_page(request.GET.get("p"))
    totals = event.registrations.aggregate(
        checked_in_seats=Sum("seats", filter=Q(status=Registration.Status.CONFIRMED, checked_in=True)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        held_seats=Sum("seats", filter=Q(status=Registration.Status.HELD)),
        expired=Count("pk", filter=Q(status=Registration.Status.EXPIRED)),
    )
    totals["occupied_seats"] = seats_taken(event)
    query = request.GET.copy()
    query.pop("p", None)
    response = TemplateResponse(
        request,
        "events/admin/registration_list.html",
        {
            "page_title": _("Registrations: %(event)s") % {"event": event.title},
            "header_icon": "group",
            "event": event,
            "form": form,
            "page_obj": page_obj,
            "registrations": page_obj,
            "result_count": page_obj.paginator.count,
            "totals": totals,
            "query_string": query.urlencode(),
            "can_check_in": request.user.has_perm(CHANGE_PERMISSION),
            "Status": Registration.Status,
        },
    )
    add_never_cache_headers(response)
    return response


@_forbidding
def export(request, event_id, file_format):
    _require(request, VIEW_PERMISSION)
    event = _event(event_id)
    form = RegistrationFilterForm(request.GET)
    registrations = list(form.apply(Registration.objects.filter(event_id=event.registration_anchor_id)))
    filename = f"registrations-{event.slug}-{timezone.localdate():%Y%m%d}.{file_format}"
    if file_format == "xlsx":
        response = HttpResponse(to_xlsx(registrations, event.title), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(to_csv(registrations), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    logger.info(
        "user %s exported %d registrations of event %s as %s",
        request.user.pk,
        len(registrations),
        event.pk,
        file_format,
    )
    return response


@_forbidding
@require_POST
def check_in(request, event_id, registration_id):
    _require(request, CHANGE_PERMISSION)
    registration = get_object_or_404(Registration, pk=registration_id, event_id=event_id)
    arrived = request.POST.get("checked_in") == "1"
    if registration.is_anonymised or registration.status != Registration.Status.CONFIRMED:
        messages.error(request, _("Only confirmed registrations can be checked in."))
    else:
        registration.checked_in = arrived
        registration.checked_in_at = timezone.now() if arrived else None
        registration.save(update_fields=["checked_in", "checked_in_at", "updated_at"])
        if arrived:
            messages.success(request, _("Registration %(id)s checked in.") % {"id": registration.pk})
        else:
            messages.success(request, _("Check-in of registration %(id)s undone.") % {"id": registration.pk})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("events_registrations:list", args=[event_id])
    return redirect(back)

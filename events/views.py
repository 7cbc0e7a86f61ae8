"""Public views: the routes of EventIndexPage and EventPage name them (core/routing.py)."""

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.db import OperationalError
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import public_forms
from core.links import absolute_url
from edge.chrome import memoised
from edge.purge import SITE

from . import booking
from .forms import EventFilterForm, RegistrationForm
from .ical import build_calendar, calendar_filename
from .models import MAX_ATTENDEES, Registration, RegistrationState
from .seats import seats_left, seats_taken, with_seats_taken
from .tokens import InvalidLink, make_token, registration_for_token, registration_for_verify_token

PAGE_SIZE = 20
FEED_LIMIT = 200
# Told to a registration that found SQLite's write lock busy (see `register`).
BUSY_RETRY_AFTER_SECONDS = 5

logger = logging.getLogger("outbound.events")


def _page_number(request):
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and 0 < len(value) < 7 else 1


def event_list(index, request, archive):
    """Upcoming events (soonest first) or the archive (latest first), filtered."""
    now = timezone.now()
    events = index.events()
    scope = (
        events.filter(ends__lt=now).order_by("-starts") if archive else events.filter(ends__gte=now).order_by("starts")
    )
    countries = sorted({code for codes in scope.values_list("countries", flat=True) for code in codes or []})
    months = scope.datetimes("starts", "month", order="DESC" if archive else "ASC")
    form = EventFilterForm(request.GET, countries=countries, months=months, language=get_language())
    filtered = with_seats_taken(form.apply(scope))
    paginator = Paginator(filtered, PAGE_SIZE)
    page_obj = paginator.get_page(_page_number(request))
    for event in page_obj.object_list:
        event.seats_left = seats_left(event.capacity, event.occupied_seats)
        event.state = event.registration_state(now)
    query = request.GET.copy()
    query.pop("page", None)
    response = index.render(
        request,
        template="events/event_index_page.html",
        context_overrides={
            "archive": archive,
            "form": form,
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "result_count": paginator.count,
            "query_string": query.urlencode(),
            "upcoming_url": _url(index),
            "archive_url": _url(index) + index.reverse_subpage("archive"),
            "feed_url": _url(index) + index.reverse_subpage("calendar_feed"),
            "RegistrationState": RegistrationState,
        },
    )
    # The cards show the seats left, which registrations change without
    # purging the page cache: kept a short time only (edge/cache.py).
    patch_cache_control(response, max_age=settings.EVENTS_LISTING_CACHE_SECONDS)
    return response


def calendar_feed(index, request):
    events = index.events().filter(ends__gte=timezone.now()).order_by("starts")[:FEED_LIMIT]
    body = build_calendar(((event, absolute_url(event, request)) for event in events), name=index.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{calendar_filename(index.slug)}"'
    return response


def event_calendar(event, request):
    body = build_calendar([(event, absolute_url(event, request))], name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar_filename(event.slug)}"'
    return response


# ---------------------------------------------------------------- event page and registration


def _url(page):
    """The page's URL; empty while an unsaved page is previewed in the admin."""
    return page.url or ""


FIELDS_TEMPLATE = "events/includes/registration_fields.html"


def _registration_fields(form, privacy_url):
    """The registration form's fields as HTML (the CSRF token, the seats
    notices and the button stay in the page's own template). The empty form's
    (`form` None: it is made only when its fields are rendered) are the same
    for every visitor until the privacy notice moves: rendered once per
    process, language and notice (labels are the code's and translations',
    which change only with a deploy), not twenty fields' templates on every
    request. A bound form holds what one visitor typed: always rendered for
    that request alone, never kept."""
    if form is not None:
        return render_to_string(FIELDS_TEMPLATE, {"form": form, "privacy_url": privacy_url})
    key = ("empty registration form", get_language(), privacy_url)
    return memoised(
        key, {SITE}, lambda: render_to_string(FIELDS_TEMPLATE, {"form": RegistrationForm(), "privacy_url": privacy_url})
    )


def _event_context(event, request, form, status=200, message=None):
    now = timezone.now()
    privacy_url = public_forms.privacy_url(request, event)
    response = event.render(
        request,
        template="events/event_page.html",
        context_overrides={
            "form": form,  # None: the empty form (_registration_fields)
            "state": event.registration_state(now),
            "RegistrationState": RegistrationState,
            "seats_left": seats_left(event.capacity, seats_taken(event)),
            "max_attendees": MAX_ATTENDEES,
            "message": message,
            "registration_fields": _registration_fields(form, privacy_url),
            "register_url": _url(event) + event.reverse_subpage("register"),
            # Shown only in the page's memoised facts: worked out when they are rendered.
            "ics_url": lambda: _url(event) + event.reverse_subpage("calendar_file"),
        },
    )
    response.status_code = status
    return response


def event_page(event, request):
    return _event_context(event, request, None)  # the empty form


def register(event, request):
    if request.method != "POST":
        return redirect(event.url)
    # Keep the form's contents out of any error report.
    request.sensitive_post_parameters = "__ALL__"
    if flooded := public_forms.flooded(request, "event_registration"):
        return flooded
    form = RegistrationForm(request.POST)
    if form.is_bot:
        return public_forms.refuse_bot(request, "event_registration")
    if not form.is_valid():
        return _event_context(event, request, form, status=400)
    if limit := public_forms.accepted_limit(request, "event_registration", form):
        return limit.refuse(_event_context(event, request, form))
    data = form.cleaned_data
    applicant = booking.Applicant(
        company_name=data["company_name"],
        credit_code=data["credit_code"],
        contact_name=data["contact_name"],
        phone=data["phone"],
        email=data["email"],
        attendee_names=data["attendee_names"],
        language=event.locale.language_code,
    )
    try:
        registration = booking.register(event, applicant)
    except booking.RegistrationRefused as refusal:
        if refusal.field:
            form.add_error(refusal.field, refusal.message)
            return _event_context(event, request, form, status=409)
        return _event_context(event, request, form, status=409, message=refusal.message)
    except OperationalError as error:
        if "database is locked" not in str(error):
            raise
        return _database_busy(event, request, form)
    public_forms.count_accepted(request, "event_registration")
    return HttpResponseRedirect(_status_url(event, registration) + "?new=1")


def _database_busy(event, request, form):
    """SQLite's write lock stayed taken longer than its timeout (config/settings/
    base.py): nothing was saved. Ask the applicant to send the same form again."""
    logger.warning("registration for event %s: database busy, answered 503", event.pk)
    message = _(
        "Many people are registering right now and yours could not be saved. "
        "Please send it again in a few seconds: what you typed is kept."
    )
    response = _event_context(event, request, form, status=503, message=message)
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
    return response


def _private(response):
    """A page about one registration: never stored by a cache, its URL (which
    holds the cancel token) never sent to another site. Not "no-referrer": the
    browser would then send `Origin: null` with the cancel form, and Django's
    CSRF check rightly refuses that."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid_link(event, request):
    return _private(TemplateResponse(request, "events/registration_invalid.html", {"page": event}, status=404))


def _status_url(event, registration):
    return event.url + event.reverse_subpage("registration", kwargs={"token": make_token(registration)})


def verify_email(event, request, token):
    """The link in the verification e-mail. Opening it (GET) only shows a
    button: mail scanners that fetch every link must not confirm for a
    person who never registered. The POST confirms."""
    try:
        registration = registration_for_verify_token(token, event)
    except InvalidLink:
        return _invalid_link(event, request)
    status = 200
    message = None
    if request.method == "POST":
        try:
            registration = booking.verify(registration)
        except booking.VerificationRefused as refusal:
            message = refusal.message
            status = 409
        else:
            return _private(HttpResponseRedirect(_status_url(event, registration) + "?verified=1"))
    response = TemplateResponse(
        request,
        "events/verify_email.html",
        {"page": event, "message": message, "already_verified": registration.is_verified},
        status=status,
    )
    return _private(response)


def registration_status(event, request, token):
    try:
        registration = registration_for_token(token, event)
    except InvalidLink:
        return _invalid_link(event, request)
    status = 200
    message = None
    if request.method == "POST":
        try:
            registration, _promoted = booking.cancel(registration)
        except booking.CancellationRefused as refusal:
            message = refusal.message
            status = 409
        else:
            return _private(HttpResponseRedirect(request.path + "?cancelled=1"))
    waiting_position = None
    if registration.status == Registration.Status.WAITLISTED:
        ahead = Q(created_at__lt=registration.created_at) | Q(
            created_at=registration.created_at, pk__lte=registration.pk
        )
        waiting_position = (
            Registration.objects.filter(event_id=registration.event_id).waiting_list().filter(ahead).count()
        )
    response = TemplateResponse(
        request,
        "events/registration_status.html",
        {
            "page": event,
            "registration": registration,
            "Status": Registration.Status,
            "waiting_position": waiting_position,
            "can_cancel": registration.status not in Registration.ENDED and timezone.now() < event.starts,
            "hold_minutes": settings.EVENTS_REGISTRATION_HOLD_MINUTES,
            "minutes_left": _minutes_left(registration),
            "message": message,
            "just_registered": request.GET.get("new") == "1",
            "just_cancelled": request.GET.get("cancelled") == "1",
            "just_verified": request.GET.get("verified") == "1",
            # The page's cancel button only opens this question; its POST cancels.
            "confirming_cancel": request.GET.get("cancel") == "1",
        },
        status=status,
    )
    return _private(response)


def _minutes_left(registration):
    """Whole minutes, rounded up, before an unconfirmed registration expires."""
    if registration.is_verified or registration.hold_expires_at is None:
        return None
    seconds = (registration.hold_expires_at - timezone.now()).total_seconds()
    return max(int(-(-seconds // 60)), 0)

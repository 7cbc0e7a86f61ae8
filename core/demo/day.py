"""The demo site's day: what a working day leaves behind, relative to the
day the demo is loaded, so that every role's dashboard has something to do.

Two steps, both run by `manage.py load_demo` and both safe to run again:

- `date_from_load_day(bundles)`, before the import: the one demo event whose
  dates are written relative to today (its registration closes in four
  days). The bundle format holds absolute dates, so the step fills them in
  the bundle data; the event still goes through the content importer.
- `add_demo_activity()`, after the import: what visitors and editors do and
  the bundle format cannot carry, each through the code the site itself uses:
  registrations (events.booking), a verification e-mail that could not be
  sent (core.mail: the mail server was down, the retry is due in
  EMAIL_RETRY_BASE_DELAY seconds), a listing application
  (directory.submissions), a search that found nothing (search.models) and a
  Chinese guide republished after its translation (its English page is now
  out of date). (The page not yet translated is in the bundle: an advisory
  given in Chinese only.)

The registrants and the applicant are made up and say so: names marked
演示 / "demo", addresses at example.org (reserved, never delivered). They are
personal data like any other (not indexed, not in the API or the logs) and
the retention jobs remove them like any other.
"""

import datetime
import socket

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from core import mail, translation_status
from directory.forms import ApplicationForm
from directory.models import ListingApplication
from directory.submissions import submit_application
from events import booking
from events.emails import REGISTRATION_EMAIL
from events.models import EventPage, Registration
from events.validators import credit_code_check_character
from guides.models import CountryGuidePage
from search.models import SearchQueryStat

CLOSING_SOON_EVENT = "forex-cross-border-rmb-briefing"
CLOSING_IN_DAYS, STARTS_IN_DAYS = 4, 6
REPUBLISHED_GUIDE_COUNTRY = "VN"
# Nothing on the demo site is about Peru: the search finds nothing
# (tests/foundation/test_demo_day.py checks that it does not).
ZERO_RESULT_QUERY = "秘鲁"
DEMO_REGISTRANTS = (
    # (company, contact name, e-mail, confirmed their address); one registration per company.
    # The one who has not confirmed never got the e-mail: the mail server was down.
    ("滨江演示机械有限公司（示例数据）", "演示报名人甲（示例数据）", "demo-registrant-1@example.org", True),
    ("滨江演示电子有限公司（示例数据）", "演示报名人乙（示例数据）", "demo-registrant-2@example.org", False),
)
DEMO_APPLICATION = {
    "name": "湄公河示例咨询有限公司（演示申请）",
    "kind": "consulting",
    "country": "KH",
    "city": "Phnom Penh",
    "website": "https://mekong-demo.example.org",
    "email": "info@mekong-demo.example.org",
    "languages": "zh, en, km",
    "services": ["company-setup", "tax"],
    "description": "演示数据：为中资企业在柬埔寨办理公司设立和税务申报。",
    "contact_name": "演示申请人（示例数据）",
    "contact_email": "demo-applicant@example.org",
    "message": "演示数据，不是真实的申请。",
    "consent": "on",
}


def _at(day, clock):
    return f"{day.isoformat()}T{clock}+08:00"


def date_from_load_day(bundles, today=None):
    """Give CLOSING_SOON_EVENT dates from `today` (Beijing time): registration
    opened two weeks ago, closes in four days, the event in six."""
    today = today or timezone.localdate()
    for item in bundles.get("events", []):
        if item["key"] == CLOSING_SOON_EVENT:
            starts = today + datetime.timedelta(days=STARTS_IN_DAYS)
            item["registration_opens"] = _at(today - datetime.timedelta(days=14), "09:00:00")
            item["registration_closes"] = _at(today + datetime.timedelta(days=CLOSING_IN_DAYS), "17:00:00")
            item["starts"] = _at(starts, "14:30:00")
            item["ends"] = _at(starts, "17:00:00")
    return bundles


def _demo_credit_code(number):
    """A well-formed but made-up unified social credit code."""
    first_seventeen = f"9133010099999990{number}"
    return first_seventeen + credit_code_check_character(first_seventeen)


def _register_demo_registrants(report):
    event = EventPage.objects.filter(slug=CLOSING_SOON_EVENT, locale=Locale.get_default()).first()
    if event is None or Registration.objects.filter(email__endswith="@example.org", event=event).exists():
        return
    for number, (company, contact_name, email, confirmed) in enumerate(DEMO_REGISTRANTS, start=1):
        registration = booking.register(
            event,
            booking.Applicant(
                company_name=company,
                credit_code=_demo_credit_code(number),
                contact_name=contact_name,
                phone="+8613800000000",
                email=email,
                attendee_names=[contact_name],
                language="zh-hans",
            ),
        )
        if confirmed:
            booking.verify(registration)
        else:
            _send_while_the_mail_server_is_down(registration, report)
    report.append(f"registered {len(DEMO_REGISTRANTS)} demo registrants for {CLOSING_SOON_EVENT}")


def _send_while_the_mail_server_is_down(registration, report):
    """The registration's verification e-mail, attempted by core.mail over SMTP
    to an address where no mail server listens: a real failed attempt, recorded
    and due again in EMAIL_RETRY_BASE_DELAY seconds (then sent by the retry
    command or the task worker, like any other)."""
    with socket.socket() as nothing_listens:
        nothing_listens.bind(("127.0.0.1", 0))
        host, port = nothing_listens.getsockname()
        server_down = get_connection("django.core.mail.backends.smtp.EmailBackend", host=host, port=port, timeout=5)
        counts = mail.send_due(REGISTRATION_EMAIL, registration.pk, connection=server_down)
    if counts["retry"]:
        report.append("a demo verification e-mail failed (mail server down): it will be retried")


def _apply_for_listing(report):
    if ListingApplication.objects.filter(contact_email=DEMO_APPLICATION["contact_email"]).exists():
        return
    form = ApplicationForm(DEMO_APPLICATION)
    if not form.is_valid():  # the demo's own data: a mistake here is the project's
        raise ValueError(f"the demo listing application is not valid: {form.errors.as_json()}")
    entry = submit_application(form.cleaned_data, language="zh-hans")
    # Sent two days before the demo's day, so its age on the dashboard is not "0 minutes".
    ListingApplication.objects.filter(entry=entry).update(submitted_at=timezone.now() - datetime.timedelta(days=2))
    report.append("submitted a demo listing application (two days ago)")


def _count_a_search_without_results(report):
    _stat, created = SearchQueryStat.objects.get_or_create(
        date=timezone.localdate() - datetime.timedelta(days=1),
        language_code="zh-hans",
        query_string=ZERO_RESULT_QUERY,
        defaults={"searches": 3, "zero_result_searches": 3},
    )
    if created:
        report.append("counted yesterday's demo searches without results")


def _republish_a_source_guide(report):
    guide = CountryGuidePage.objects.filter(country=REPUBLISHED_GUIDE_COUNTRY, locale=Locale.get_default()).first()
    if guide is None:
        return
    if translation_status.out_of_date_translations().filter(translation_key=guide.translation_key).exists():
        return
    guide.save_revision().publish()
    report.append(f"republished the Chinese {REPUBLISHED_GUIDE_COUNTRY} guide: its translation is now out of date")


@transaction.atomic
def add_demo_activity():
    """Returns what was done (nothing the second time the same day)."""
    report = []
    _register_demo_registrants(report)
    _apply_for_listing(report)
    _count_a_search_without_results(report)
    _republish_a_source_guide(report)
    return report

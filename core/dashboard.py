"""The editors' desk: Wagtail dashboard panels that say what needs doing today.

Each app adds the panels about its own content in its wagtail_hooks.py
(`construct_homepage_panels`), built on `DashboardPanel`: a panel names the
groups it concerns (or the permission that opens the place to act) and is
shown to nobody else; it lists at most `LIMIT` items, each linking to where
the work is done, with the total when there are more. Every panel answers in
a fixed number of queries, whatever the number of items
(tests/dashboard/test_panels.py asserts each bound).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from core import translation_status
from core.models import EmailDelivery
from core.roles import EDITORS, REVIEWERS, TRANSLATORS, group_names

LIMIT = 8


@dataclass
class Bar:
    """One quantity drawn against a maximum (a <meter>)."""

    label: str
    value: int
    maximum: int


@dataclass
class Item:
    url: str
    title: str
    detail: str = ""
    bars: list[Bar] = field(default_factory=list)


class DashboardPanel(Component):
    template_name = "core/dashboard/panel.html"
    name = ""
    heading = ""
    empty_text = _("Nothing to do here today.")
    # Shown to superusers and to members of these groups …
    groups = ()
    # … or, instead, to users with this permission (the one that opens the place to act).
    permission = None

    def __init__(self, request):
        self.request = request

    def is_shown(self):
        user = self.request.user
        if self.permission:
            return user.has_perm(self.permission)
        return user.is_superuser or bool(group_names(user) & set(self.groups))

    def render_html(self, parent_context=None):
        # Wagtail renders every panel the hooks add: the role check is here.
        return super().render_html(parent_context) if self.is_shown() else ""

    def items(self):
        """(the first LIMIT items, the total number)."""
        raise NotImplementedError

    def more_url(self):
        return None

    def get_context_data(self, parent_context):
        items, total = self.items()
        return {
            "panel": self,
            "items": items,
            "total": total,
            "more_url": self.more_url() if total > len(items) else None,
        }


def first_and_total(queryset, to_item):
    """Two queries: the count, then the first LIMIT rows (none when the count is 0)."""
    total = queryset.count()
    rows = list(queryset[:LIMIT]) if total else []
    return [to_item(row) for row in rows], total


class TranslationPanel(DashboardPanel):
    """Translation work: its full list is the coverage report in that state."""

    groups = (EDITORS, REVIEWERS, TRANSLATORS)
    coverage_state = None

    def more_url(self):
        return reverse("translation_coverage") + f"?state={self.coverage_state}"


class OutOfDateTranslationsPanel(TranslationPanel):
    name = "out_of_date_translations"
    order = 120
    heading = _("Translations out of date")
    empty_text = _("Every translation is as recent as its source page.")
    coverage_state = translation_status.OUT_OF_DATE

    def items(self):
        return first_and_total(
            translation_status.out_of_date_translations().select_related("locale"),
            lambda page: Item(
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                title=page.get_admin_display_title(),
                detail=_("%(language)s · source republished %(date)s")
                % {
                    "language": page.locale.get_display_name(),
                    "date": timezone.localtime(page.source_published_at).strftime("%Y-%m-%d"),
                },
            ),
        )


class UntranslatedPagesPanel(TranslationPanel):
    name = "untranslated_pages"
    order = 130
    heading = _("Pages with no translation yet")
    empty_text = _("Every page has its translations.")
    coverage_state = translation_status.MISSING

    def items(self):
        return first_and_total(
            translation_status.missing_translations(),
            lambda missing: Item(
                url=translation_status.translate_url(missing),
                title=missing.page.get_admin_display_title(),
                detail=_("No %(language)s translation") % {"language": missing.target.get_display_name()},
            ),
        )


class FailedEmailsPanel(DashboardPanel):
    name = "failed_emails"
    order = 410
    heading = _("E-mails that failed and will be retried")
    empty_text = _("No e-mail is waiting for another attempt.")
    permission = "core.view_emaildelivery"

    def items(self):
        waiting = EmailDelivery.objects.filter(status=EmailDelivery.Status.QUEUED, attempts__gt=0).order_by(
            "next_attempt_at", "pk"
        )
        return first_and_total(
            waiting,
            lambda delivery: Item(
                url=reverse("email_deliveries:index") + f"?status={EmailDelivery.Status.QUEUED}",
                title=f"{delivery.kind} {delivery.variant}".strip(),
                detail=_("%(attempts)s failed attempts · %(error)s · next %(when)s")
                % {
                    "attempts": delivery.attempts,
                    "error": delivery.last_error,
                    "when": timezone.localtime(delivery.next_attempt_at).strftime("%Y-%m-%d %H:%M"),
                },
            ),
        )

    def more_url(self):
        return reverse("email_deliveries:index") + f"?status={EmailDelivery.Status.QUEUED}"

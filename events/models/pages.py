"""The events section: an index per locale and one page per event.

Structure (kind, dates, time zone, countries, capacity, registration window)
is synchronised across locales by wagtail-localize; title, summary, venue,
body and the titles of archive materials are translated. Registrations hang
off one page per event, the "registration anchor" (see `registration_anchor_id`),
so that the Chinese and English pages share one set of seats.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.areas import SEARCH_FACTS_FIELD, content_area, facts_as_words
from core.fields import CountryListField, CountryTokensField
from core.models import BasePage, LeadImagePlacement
from core.routing import page_path, page_re_path
from core.validators import validate_time_zone
from core.vocabularies import EventKind

from ..admin_forms import EventPageForm
from ..blocks import EventBodyBlock, MaterialKind, MaterialsBlock
from ..timezones import CENTRE_TIME_ZONE, infer_time_zone, zone, zone_label


class RegistrationState(models.TextChoices):
    NOT_YET_OPEN = "not-yet-open", _("Registration has not opened yet")
    OPEN = "open", _("Registration is open")
    CLOSED = "closed", _("Registration is closed")
    STARTED = "started", _("This event has started or is over")


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events first; past ones in the archive; an iCal feed."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def events(self):
        """Public events under this index (so in its locale)."""
        return content_area("events").public(self.locale_id).child_of(self)

    upcoming = page_path("", "events.views.event_list", kwargs={"archive": False}, name="upcoming")
    archive = page_path("archive/", "events.views.event_list", kwargs={"archive": True}, name="archive")
    calendar_feed = page_path("calendar/", "events.views.calendar_feed")


class EventPage(LeadImagePlacement, RoutablePageMixin, BasePage):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING)
    starts = models.DateTimeField(_("starts"), db_index=True)
    ends = models.DateTimeField(_("ends"), db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Asia/Phnom_Penh. Empty: inferred from the countries and the start's offset."),
    )
    online = models.BooleanField(_("online"), default=False, help_text=_("Held online rather than at a venue."))
    venue = models.TextField(_("venue or platform"), help_text=_("The address, or the platform of an online session."))
    countries = CountryListField(_("countries concerned"))
    country_tokens = CountryTokensField("countries")
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("Seats; each attendee takes one.")
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Beijing time. Empty: as soon as published.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Beijing time. Empty: when the event starts.")
    )
    body = StreamField(EventBodyBlock(), verbose_name=_("body"), blank=True)
    materials = StreamField(
        MaterialsBlock(),
        verbose_name=_("recordings and slides"),
        blank=True,
        help_text=_("Shown on the page and in the archive once the event is over."),
    )

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        LeadImagePlacement.lead_image_panel,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
                FieldPanel("time_zone"),
                FieldPanel("online"),
                FieldPanel("venue"),
                FieldPanel("countries"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
        FieldPanel("materials"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        *LeadImagePlacement.lead_image_translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("starts"),
        SynchronizedField("ends"),
        SynchronizedField("time_zone"),
        SynchronizedField("online"),
        SynchronizedField("countries"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_opens"),
        SynchronizedField("registration_closes"),
        TranslatableField("venue"),
        TranslatableField("body"),
        TranslatableField("materials"),
    ]

    search_facts = facts_as_words  # its area's structured facts as words (core.areas)
    search_fields = BasePage.search_fields + [
        SEARCH_FACTS_FIELD,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("kind"),
        index.FilterField("starts"),
        index.FilterField("online"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # ------------------------------------------------------------ saving

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends and self.ends <= self.starts:
            errors["ends"] = _("The event must end after it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.starts and self.registration_closes > self.starts:
            errors["registration_closes"] = _("Registration must close before the event starts.")
        if errors:
            raise ValidationError(errors)
        if not self.time_zone:
            self.time_zone = infer_time_zone(self.starts, self.countries)

    def save(self, *args, **kwargs):
        # Normalised now rather than when the field is saved: the time zone is inferred from it.
        self.countries = self._meta.get_field("countries").to_python(self.countries)
        if not self.time_zone and self.starts:
            self.time_zone = infer_time_zone(self.starts, self.countries)
        return super().save(*args, **kwargs)

    # ------------------------------------------------------------ times

    @property
    def starts_beijing(self):
        return timezone.localtime(self.starts, zone(CENTRE_TIME_ZONE))

    @property
    def ends_beijing(self):
        return timezone.localtime(self.ends, zone(CENTRE_TIME_ZONE))

    @property
    def starts_local(self):
        return timezone.localtime(self.starts, zone(self.time_zone))

    @property
    def ends_local(self):
        return timezone.localtime(self.ends, zone(self.time_zone))

    @property
    def shows_local_time(self):
        """An event abroad whose clock differs from Beijing's at the start."""
        return bool(self.time_zone) and self.starts_local.utcoffset() != self.starts_beijing.utcoffset()

    @property
    def local_time_label(self):
        return zone_label(self.time_zone, get_language())

    @property
    def is_past(self):
        return self.ends < timezone.now()

    def material_kinds(self):
        """The kinds of archive material attached (slides, recording …), read
        from the raw StreamField data so that listing many events fetches no
        documents."""
        kinds = dict(MaterialKind.CHOICES)
        found = {block.get("value", {}).get("kind") for block in self.materials.raw_data}
        return [label for key, label in kinds.items() if key in found]

    # ------------------------------------------------------------ registration

    @cached_property
    def registration_anchor_id(self):
        """The page registrations are stored against: the first page created for
        this event (the source; translations are created later), whatever the
        locale of the page the visitor is reading."""
        return (
            EventPage.objects.filter(translation_key=self.translation_key)
            .order_by("pk")
            .values_list("pk", flat=True)[:1]
            .get()
        )

    def registration_state(self, now=None):
        now = now or timezone.now()
        if now >= self.starts:
            return RegistrationState.STARTED
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_YET_OPEN
        if now >= (self.registration_closes or self.starts):
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    # ------------------------------------------------------------ routes

    event = page_path("", "events.views.event_page", name="event")
    register = page_path("register/", "events.views.register")
    registration = page_re_path(
        r"^registration/(?P<token>[\w\-]{1,200})/$", "events.views.registration_status", name="registration"
    )
    verify_email = page_re_path(
        r"^confirm-email/(?P<token>[\w\-]{1,200})/$", "events.views.verify_email", name="verify_email"
    )
    calendar_file = page_path("calendar/", "events.views.event_calendar", name="calendar_file")

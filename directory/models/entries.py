"""Directory entries: overseas chambers and service providers.

One entry per organisation and locale, linked across locales by
wagtail-localize (TranslatableMixin). The structure (key, kind, country,
contacts, languages, services, verification date, status) is the same in
every language: it is edited on the source-locale entry and copied to its
translations when that entry is saved, so that withdrawing an entry hides it
in every language at once. Names, cities, addresses and descriptions are
translated.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Locale, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import vocabularies
from core.areas import SEARCH_FACTS_FIELD, content_area, facts_as_words
from core.models import LogoPlacement
from core.models.text import PlainTextFieldsMixin
from core.validators import (
    KEY_MAX_LENGTH,
    format_phone,
    validate_country_code,
    validate_directory_key,
    validate_e164,
    validate_web_url,
)
from core.vocabularies import ProviderKind, Service, collation_key, label
from directory.forms import DirectoryEntryAdminForm
from directory.status import EntryStatus
from directory.validation import validate_language_tags, validate_services

SORT_NAME_MAX_LENGTH = 500


class DirectoryEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def listed(self):
        """Entries the public may see: listed ones only (never pending or withdrawn)."""
        return self.filter(status=EntryStatus.LISTED)

    def with_service(self, key):
        return self.filter(services__icontains=_json_string(key))

    def with_language(self, tag):
        return self.filter(languages__icontains=_json_string(tag))

    def order_by_name(self):
        return self.order_by("sort_name", "pk")

    def order_by_verification(self):
        return self.order_by(models.F("verified_on").desc(nulls_last=True), "sort_name", "pk")


def _json_string(value):
    # Lists are stored as JSON; a quoted item ("ip") matches that item and not
    # one that merely contains it ("ip" is not in "shipping"). The lookup works
    # on the JSON text on both SQLite and PostgreSQL; keys are [a-z0-9-] and
    # tags [A-Za-z0-9-], so quoting needs no escaping.
    return f'"{value}"'


class DirectoryEntry(
    LogoPlacement, PlainTextFieldsMixin, TranslatableMixin, RevisionMixin, index.Indexed, models.Model
):
    key = models.SlugField(
        _("key"),
        max_length=KEY_MAX_LENGTH,
        validators=[validate_directory_key],
        help_text=_("Stable identifier used in the address and in spreadsheets, e.g. “mekong-legal”."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EntryStatus.choices,
        default=EntryStatus.LISTED,
        help_text=_("Only listed entries are public. Applications arrive as pending."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    name = models.CharField(_("name"), max_length=255)
    city = models.CharField(_("city"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True, validators=[validate_web_url])
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_e164])
    languages = models.JSONField(_("languages served"), default=list, blank=True, validators=[validate_language_tags])
    services = models.JSONField(_("services"), default=list, blank=True, validators=[validate_services])
    verified_on = models.DateField(
        _("verified on"), null=True, blank=True, help_text=_("When the centre last checked these details.")
    )
    # When the entry was first listed: what the follow digest calls a new provider.
    listed_since = models.DateTimeField(_("listed since"), null=True, blank=True, editable=False)
    # The name's collation key in the entry's language (pinyin for Chinese),
    # so that the database can sort and paginate by name.
    sort_name = models.CharField(max_length=SORT_NAME_MAX_LENGTH, editable=False, db_index=True, default="")

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="directory_entry")

    objects = DirectoryEntryQuerySet.as_manager()

    # Same in every language; not overridable, so translations cannot drift.
    SYNCHRONISED_FIELDS = (
        "key",
        "status",
        "kind",
        "country",
        "website",
        "email",
        "phone",
        "languages",
        "services",
        "verified_on",
    )
    TRANSLATED_FIELDS = ("name", "city", "address", "description")
    translatable_fields = (
        [TranslatableField(name) for name in TRANSLATED_FIELDS]
        + [SynchronizedField(name, overridable=False) for name in SYNCHRONISED_FIELDS]
        + LogoPlacement.logo_translatable_fields
    )

    search_facts = facts_as_words  # its area's structured facts as words (core.areas)
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        SEARCH_FACTS_FIELD,
        index.SearchField("city"),
        index.FilterField("locale"),
        index.FilterField("status"),
        index.FilterField("country"),
        index.FilterField("kind"),
    ]

    base_form_class = DirectoryEntryAdminForm
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("kind"), FieldPanel("key")])], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("country"), FieldPanel("city")]), FieldPanel("address")], heading=_("Location")
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldRowPanel([FieldPanel("email"), FieldPanel("phone")])],
            heading=pgettext_lazy("directory", "Contact"),
        ),
        FieldPanel("description"),
        LogoPlacement.logo_panel,
        FieldPanel("languages"),
        FieldPanel("services"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("status"), FieldPanel("verified_on")])], heading=_("Listing")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "locale"],
                name="directory_entry_unique_key_per_locale",
                violation_error_message=_("Another entry in this language already has this key."),
            ),
        ]
        indexes = [
            models.Index(fields=["locale", "status", "sort_name"], name="directory_entry_listing"),
            models.Index(fields=["locale", "status", "country"], name="directory_entry_country"),
        ]

    def __str__(self):
        return self.name

    # ------------------------------------------------------------ saving

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        self.sort_name = collation_key(self.name, self.locale.language_code)[:SORT_NAME_MAX_LENGTH]
        if self.status == EntryStatus.LISTED and self.listed_since is None:
            self.listed_since = timezone.now()
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_name", "listed_since"}
        super().save(*args, **kwargs)
        if update_fields is None or set(update_fields) & set(self.SYNCHRONISED_FIELDS):
            self.synchronise_translations()

    def synchronise_translations(self):
        """Copy the structure of a source-locale entry to its translations
        (each saved, so each is re-indexed with its new status)."""
        if self.locale_id != Locale.get_default().pk:
            return
        for translation in self.get_translations().select_related("locale"):
            changed = [name for name in self.SYNCHRONISED_FIELDS if getattr(translation, name) != getattr(self, name)]
            if changed:
                for name in changed:
                    setattr(translation, name, getattr(self, name))
                translation.save(update_fields=changed)

    @property
    def revisions(self):
        return self._revisions

    def get_url(self, request=None):
        """The public page of a listed entry, or None (pending, withdrawn, or
        no directory page in the entry's language)."""
        if not self.is_listed:
            return None
        return content_area("directory").urls([self], request, self.locale_id).get(self.pk)

    # ------------------------------------------------------------ display

    @property
    def is_listed(self):
        return self.status == EntryStatus.LISTED

    def verification_is_stale(self, today=None):
        """True when the centre has not verified the entry in the last 12 months (or never)."""
        if self.verified_on is None:
            return True
        today = today or timezone.localdate()
        try:
            a_year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            a_year_ago = today.replace(year=today.year - 1, day=28)
        return self.verified_on < a_year_ago

    @property
    def phone_display(self):
        return format_phone(self.phone) if self.phone else ""

    @property
    def kind_label(self):
        return label(ProviderKind, self.kind)

    @property
    def country_name(self):
        return vocabularies.country_name(self.country)

    @property
    def service_labels(self):
        return [label(Service, key) for key in self.services]

    @property
    def language_names(self):
        return [vocabularies.language_name(tag) for tag in self.languages]

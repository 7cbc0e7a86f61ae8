"""A guide's public change log: one entry per fact whose value a publication
changed (old and new value, the source given for the new one), and one per
public note an editor wrote for a substantive text change.

Entries are made by guides.changelog when a guide is published, per page,
so each language has its own log (fact values are synchronised across
languages; sources and notes are translated). They hold no personal data.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuideChange(models.Model):
    guide = models.ForeignKey("guides.CountryGuidePage", on_delete=models.CASCADE, related_name="changes")
    changed_on = models.DateField(_("changed on"))
    # A fact's field name ("currency", "risk_level" …), or empty for an editor's note.
    fact = models.CharField(_("fact"), max_length=32, blank=True)
    old_value = models.CharField(_("old value"), max_length=200, blank=True)
    new_value = models.CharField(_("new value"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("guide change")
        verbose_name_plural = _("guide changes")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["guide", "changed_on"], name="guides_change_guide_day")]

    def __str__(self):
        return f"{self.guide_id} {self.changed_on} {self.fact or 'note'}"

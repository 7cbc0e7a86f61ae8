"""Who asked for an entry to be listed.

The contact person's name, e-mail and phone are personal data: they are kept
apart from the entry (which becomes public once listed), are not indexed for
search, and are seen only by staff with the "view listing application"
permission.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models.entries import DirectoryEntry


class ListingApplication(models.Model):
    entry = models.OneToOneField(
        DirectoryEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="application"
    )
    language = models.CharField(
        _("language of the application"), max_length=16, help_text=_("The language the applicant wrote in.")
    )
    contact_name = models.CharField(_("contact name"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    message = models.TextField(_("message"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing application")
        verbose_name_plural = _("listing applications")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.entry.name} ({self.submitted_at:%Y-%m-%d})"

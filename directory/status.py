"""An entry's place in the directory: only listed entries are public."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryStatus(models.TextChoices):
    LISTED = "listed", _("Listed")
    PENDING = "pending", _("Pending review")
    WITHDRAWN = "withdrawn", _("Withdrawn")

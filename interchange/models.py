from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import KEY_MAX_LENGTH

from .validation import LISTS


class ImportKey(models.Model):
    """Which item a bundle key stands for: (list, key) → the translation_key
    shared by the item's source page or snippet and all its translations.

    Kept here rather than as a field on each content model so that the
    content apps carry nothing that only the interchange needs.
    """

    list_name = models.CharField(_("list"), max_length=30, choices=[(name, name) for name in LISTS])
    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH)
    translation_key = models.UUIDField(_("translation key"))

    class Meta:
        verbose_name = _("import key")
        verbose_name_plural = _("import keys")
        constraints = [
            models.UniqueConstraint(fields=["list_name", "key"], name="interchange_unique_key_per_list"),
            models.UniqueConstraint(
                fields=["list_name", "translation_key"], name="interchange_one_key_per_item_per_list"
            ),
        ]

    def __str__(self):
        return f"{self.list_name}/{self.key}"

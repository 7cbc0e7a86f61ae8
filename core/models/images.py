"""An image placement on a model: the image, its text alternative (or the
"decorative" choice) and, for a lead image, a caption and a credit.

`image_placement("lead_image", _("lead image"))` is an abstract model with the
fields `lead_image`, `lead_image_alt`, `lead_image_decorative` (and
`lead_image_caption`, `lead_image_credit`), their admin panel and their
wagtail-localize behaviour: the image and the choice are the same in every
language, the texts are translated. Its clean() refuses an image without alt
text that is not marked decorative (core.images.alt_text_error), so neither
the admin nor the importer can publish one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.images import ALT_TEXT_HELP, DECORATIVE_HELP, alt_text_error


def image_placement(name, label, *, captioned=True):
    fields = {
        name: models.ForeignKey(
            get_image_model_string(),
            verbose_name=label,
            null=True,
            blank=True,
            on_delete=models.SET_NULL,
            related_name="+",
        ),
        f"{name}_alt": models.CharField(_("alternative text"), max_length=250, blank=True, help_text=ALT_TEXT_HELP),
        f"{name}_decorative": models.BooleanField(_("decorative"), default=False, help_text=DECORATIVE_HELP),
    }
    if captioned:
        fields[f"{name}_caption"] = models.CharField(_("caption"), max_length=250, blank=True)
        fields[f"{name}_credit"] = models.CharField(
            _("credit or source"), max_length=200, blank=True, help_text=_("E.g. “Photo: the centre” or a licence.")
        )
    texts = [f"{name}_alt", *([f"{name}_caption", f"{name}_credit"] if captioned else [])]

    def clean(self):
        super(placement, self).clean()
        message = alt_text_error(
            getattr(self, f"{name}_id"), getattr(self, f"{name}_alt"), getattr(self, f"{name}_decorative")
        )
        if message:
            raise ValidationError({f"{name}_alt": message})

    panel_rows = [FieldPanel(name), FieldRowPanel([FieldPanel(f"{name}_alt"), FieldPanel(f"{name}_decorative")])]
    if captioned:
        panel_rows.append(FieldRowPanel([FieldPanel(f"{name}_caption"), FieldPanel(f"{name}_credit")]))

    placement = type(
        f"{''.join(part.title() for part in name.split('_'))}Placement",
        (models.Model,),
        {
            **fields,
            "__module__": __name__,
            "Meta": type("Meta", (), {"abstract": True}),
            "clean": clean,
            # What the model adds to its panels and to its translatable fields.
            f"{name}_panel": MultiFieldPanel(panel_rows, heading=capfirst(label)),
            f"{name}_translatable_fields": [
                SynchronizedField(name),
                SynchronizedField(f"{name}_decorative"),
                *(TranslatableField(text) for text in texts),
            ],
        },
    )
    return placement


LeadImagePlacement = image_placement("lead_image", _("lead image"))
LogoPlacement = image_placement("logo", _("logo"), captioned=False)

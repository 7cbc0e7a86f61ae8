from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoriesConfig(AppConfig):
    name = "advisories"
    verbose_name = _("Advisories")

    def ready(self):
        from advisories import digest, signals  # noqa: F401 - digest registers its e-mail kind with core.mail

        signals.connect()

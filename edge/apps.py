from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdgeConfig(AppConfig):
    """What stands between visitors and the content apps: security headers,
    admin login throttling and the anonymous page cache."""

    name = "edge"
    verbose_name = _("Delivery and security")

    def ready(self):
        from edge.purge import connect_purge_signals

        connect_purge_signals()

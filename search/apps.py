from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import aliases, outbox

        # Before wagtail.search's ready() (INSTALLED_APPS order): modelsearch's
        # handlers, which drop an update the engine refused, are not connected.
        outbox.connect_handlers()
        aliases.connect_handlers()

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_locales(sender, **kwargs):
    """Every language in settings.LANGUAGES has a Wagtail Locale, so that a
    third locale is a settings change plus translation work."""
    from django.conf import settings
    from wagtail.models import Locale

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide")

    def ready(self):
        post_migrate.connect(ensure_locales, sender=self)
        from core import admin_names

        admin_names.connect()
        from core import access

        access.connect()
        from core.admin_memos import replace_wagtail_config_tag

        replace_wagtail_config_tag()
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model
        from wagtail.signals import page_published

        from core.images import strip_metadata_before_storing
        from core.richtext_images import translate_image_alts
        from core.tasks import on_page_published

        pre_save.connect(strip_metadata_before_storing, sender=get_image_model(), dispatch_uid="core-image-metadata")
        page_published.connect(on_page_published, dispatch_uid="core-renditions-on-publish")
        translate_image_alts()

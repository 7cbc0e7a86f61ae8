from django.utils.translation import gettext_lazy as _

from core.models import BasePage


class GuideIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.CountryGuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index page")


class CountryGuidePage(BasePage):
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("country guide")

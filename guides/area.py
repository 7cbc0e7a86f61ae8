"""The country guides as a content area (core.areas)."""

from django.utils.translation import gettext_lazy as _

from core.areas import ContentArea, live_index
from core.vocabularies import Initiative, Region, Sector

AREA = ContentArea(
    key="guides",
    model_label="guides.CountryGuidePage",
    label=_("Country guides"),
    country_field="country",
    index_page=live_index("guides.GuideIndexPage"),
    is_country_hub=True,
    search_facts=(("region", Region), ("sectors", Sector), ("initiatives", Initiative)),
)

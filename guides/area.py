"""The country guides as a content area (core.areas)."""

from django.utils.translation import gettext_lazy as _

from core.areas import ContentArea, live_index
from core.related import ListingItem
from core.vocabularies import Initiative, Region, Sector, label


def listing_item(guide, url):
    return ListingItem(title=guide.title, url=url, note=str(label(Region, guide.region)))


AREA = ContentArea(
    key="guides",
    model_label="guides.CountryGuidePage",
    label=_("Country guides"),
    country_field="country",
    index_page=live_index("guides.GuideIndexPage"),
    listing_item=listing_item,
    is_country_hub=True,
    search_facts=(("region", Region), ("sectors", Sector), ("initiatives", Initiative)),
)

"""The directory as a content area (core.areas): its entries are snippets,
public when listed, each shown under the directory page of its locale."""

from django.utils.translation import gettext_lazy as _

from core.areas import COUNTRY, ContentArea, live_index
from core.related import ListingItem
from core.vocabularies import ProviderKind, Service

directory_page = live_index("directory.DirectoryPage")


def listed(entries):
    """Never pending or withdrawn."""
    return entries.listed()


def entry_urls(entries, request, locale):
    directory = directory_page(locale)
    if directory is None:
        return {}
    base_url = directory.get_url(request)
    return {entry.pk: directory.entry_url(entry, base_url) for entry in entries}


def listing_item(entry, url):
    return ListingItem(title=entry.name, url=url, note=entry.city, badge=entry.kind_label)


AREA = ContentArea(
    key="directory",
    model_label="directory.DirectoryEntry",
    label=_("Service directory"),
    country_field="country",
    index_page=directory_page,
    listing_item=listing_item,
    on_country_hubs=True,
    text_fields=("description",),
    visible=listed,
    urls=entry_urls,
    first_public_field="listed_since",
    search_facts=(("country", COUNTRY), ("kind", ProviderKind), ("services", Service)),
)

"""The policy library as a content area (core.areas)."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.areas import ContentArea, live_index
from core.related import ListingItem
from core.vocabularies import PolicyLevel, PolicyStatus, PolicyTopic, label


def listing_item(policy, url):
    parts = (policy.document_number, policy.issuing_body, date_format(policy.issued_on, "DATE_FORMAT"))
    note = " · ".join(part for part in parts if part)
    badge = str(label(PolicyStatus, policy.status)) if policy.status != PolicyStatus.IN_FORCE else ""
    return ListingItem(title=policy.title, url=url, note=note, badge=badge)


AREA = ContentArea(
    key="policies",
    model_label="policies.PolicyPage",
    label=_("Policy library"),
    country_field=None,  # a policy document concerns outbound investment, not one country
    index_page=live_index("policies.PolicyIndexPage"),
    listing_item=listing_item,
    first_public_field="first_published_at",
    search_facts=(("topic", PolicyTopic), ("level", PolicyLevel), ("status", PolicyStatus)),
)

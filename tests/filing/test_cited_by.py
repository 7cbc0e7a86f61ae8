"""The policy library's "cited by" lists the navigator's procedures that come
from a document (filing's POLICY_CITATIONS_HOOK: without it the "filing" listing
is missing), in the reader's language, each linking to the navigator."""

import pytest

from core.related import policy_citations
from filing.models import Procedure

pytestmark = pytest.mark.django_db

NDRC_ORDER_11 = "国家发展和改革委员会令第11号"


def filing_listing(policy, locale):
    return {listing.key: listing for listing in policy_citations(policy, locale)}.get("filing")


def test_a_policy_lists_the_procedures_that_come_from_it_in_each_language(client, rules, zh, en):
    policy = rules[NDRC_ORDER_11]
    chinese = filing_listing(policy, zh)
    assert "境外投资项目备案（国家发展改革委）" in [item.title for item in chinese.items]
    assert {item.url for item in chinese.items} == {"/zh-hans/filing/"}
    english = filing_listing(policy, en)
    assert "Filing of the outbound investment project (NDRC)" in [item.title for item in english.items]
    assert {item.url for item in english.items} == {"/en/filing/"}
    # Only this document's procedures: the bank's registration comes from SAFE's notice.
    cited_elsewhere = Procedure.objects.filter(locale=zh).exclude(policy=policy).values_list("name", flat=True)
    assert cited_elsewhere and not set(cited_elsewhere) & {item.title for item in chinese.items}
    html = client.get(policy.url).content.decode()
    assert "境外投资项目备案（国家发展改革委）" in html[html.index('class="policy-cited-by"') :]


def test_an_unpublished_procedure_is_not_listed(rules, zh):
    policy = rules[NDRC_ORDER_11]
    procedure = Procedure.objects.filter(locale=zh, policy=policy).first()
    procedure.live = False
    procedure.save()
    assert procedure.name not in [item.title for item in filing_listing(policy, zh).items]

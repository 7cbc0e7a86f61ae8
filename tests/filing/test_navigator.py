"""The filing navigator's answers for the issue's cases, decided by the demo
rules (core/demo/content/filing_rules.json) as load_demo imports them, read from the result page."""

import re

import pytest

from filing.models import Procedure, Threshold
from tests.factories import publish_rule

pytestmark = pytest.mark.django_db

LOCAL_50M = {
    "investor": "local",
    "country": "VN",
    "industry": "auto-parts",
    "amount": "50",
    "mode": "new",
    "financing": "own-funds",
}


def result(client, language="zh-hans", **changes):
    response = client.get(f"/{language}/filing/result/", {**LOCAL_50M, **changes})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def procedures(html):
    """The names of the procedures listed, in order."""
    return re.findall(r'<article class="filing-procedure">\s*<h4>([^<]+)</h4>', html)


def test_local_private_firm_50_million_files_at_provincial_level_and_registers_at_a_bank(client, rules):
    names = procedures(result(client))
    assert names == [
        "境外投资项目备案（省级发展改革部门）",
        "境外投资备案（省级商务主管部门），领取《企业境外投资证书》",
        "境外直接投资外汇登记（银行办理）",
        "项目完成情况报告；重大不利情况报告",
        "境外直接投资存量权益登记",
    ]


def test_the_same_at_400_million_files_with_the_ndrc(client, rules):
    names = procedures(result(client, amount="400"))
    assert "境外投资项目备案（国家发展改革委）" in names
    assert "境外投资项目备案（省级发展改革部门）" not in names
    # The commerce filing stays provincial: its level does not depend on the amount.
    assert "境外投资备案（省级商务主管部门），领取《企业境外投资证书》" in names


def test_exactly_300_million_is_national(client, rules):
    """At the line itself: "3亿美元及以上" is national."""
    assert "境外投资项目备案（国家发展改革委）" in procedures(result(client, amount="300"))
    assert "境外投资项目备案（省级发展改革部门）" in procedures(result(client, amount="299.99"))


def test_a_central_soe_files_with_the_ndrc_and_mofcom_whatever_the_amount(client, rules):
    names = procedures(result(client, investor="central-soe", amount="20"))
    assert names[:2] == ["境外投资项目备案（国家发展改革委）", "境外投资备案（商务部），领取《企业境外投资证书》"]
    assert not [name for name in names if "省级" in name]


def test_a_sensitive_industry_needs_approval_not_filing_and_says_why(client, rules):
    html = result(client, industry="real-estate")
    names = procedures(html)
    assert names[:2] == ["境外投资项目核准", "境外投资核准（商务部）"]
    assert not [name for name in names if "备案" in name]
    assert "这是敏感类项目" in html
    assert "房地产列入《境外投资敏感行业目录（2018年版）》" in html
    assert "发改外资〔2018〕251号" in html  # the reason's policy is cited


def test_a_sensitive_country_is_flagged_with_its_reason(client, rules):
    html = result(client, language="en", country="KP")
    assert "This is a sensitive project" in html
    assert "Sensitive country or region: North Korea." in html
    assert "under UN Security Council sanctions" in html
    assert procedures(html)[0] == "Approval of the outbound investment project"


def test_through_an_overseas_holding_company(client, rules):
    """Below the line: no development and reform procedure and no bank registration;
    the commerce reinvestment report. At or above it: the large-project report to the NDRC."""
    small = procedures(result(client, mode="holding-company"))
    assert small == ["境外再投资报告", "项目完成情况报告；重大不利情况报告"]
    large = procedures(result(client, mode="holding-company", amount="500"))
    assert large[0] == "大额非敏感类项目情况报告"
    assert "境外直接投资外汇登记（银行办理）" not in large
    sensitive = procedures(result(client, mode="holding-company", industry="news-media"))
    assert sensitive[0] == "境外投资项目核准"  # through a controlled company abroad, still approval


def test_a_guarantee_from_china_adds_its_registration(client, rules):
    assert "内保外贷签约登记" in procedures(result(client, financing="domestic-guarantee"))
    assert "内保外贷签约登记" not in procedures(result(client))


def test_a_rule_whose_policy_is_repealed_is_no_longer_applied(client, rules):
    """Without the repeal check (RuleQuerySet.in_force) the provincial filing would still be listed."""
    ndrc_order = rules["国家发展和改革委员会令第11号"]
    assert "境外投资项目备案（省级发展改革部门）" in procedures(result(client))
    ndrc_order.status = "repealed"
    ndrc_order.save_revision().publish()
    names = procedures(result(client, amount="50.5"))
    assert not [name for name in names if "发展改革" in name or name.startswith("项目完成")]
    assert "境外投资备案（省级商务主管部门），领取《企业境外投资证书》" in names  # MOFCOM's rules still apply


def test_a_draft_changes_nothing_until_published(client, rules):
    """The navigator reads the live rows only: a threshold saved as a draft (waiting for review) is not applied."""
    threshold = Threshold.objects.get()
    threshold.amount_million_usd = 40
    threshold.save_revision()
    assert "境外投资项目备案（省级发展改革部门）" in procedures(result(client))
    publish_rule(Threshold.objects.get())  # the reviewer approves the latest revision
    threshold = Threshold.objects.get()
    threshold.amount_million_usd = 40
    publish_rule(threshold)
    assert "境外投资项目备案（国家发展改革委）" in procedures(result(client, amount="45"))


def test_a_rule_applies_only_from_its_date(client, rules):
    rule = Procedure.objects.get(locale__language_code="zh-hans", name="内保外贷签约登记")
    rule.applies_from = rule.applies_from.replace(year=2099)
    publish_rule(rule)
    assert "内保外贷签约登记" not in procedures(result(client, financing="domestic-guarantee"))


def test_english_result_has_english_texts_and_cites_policies(client, rules):
    html = result(client, language="en")
    assert (
        procedures(html)[0]
        == "Filing of the outbound investment project (provincial development and reform department)"
    )
    assert "Example: check with the office" in html
    assert "国家发展和改革委员会令第11号" in html  # the cited document (no English translation yet: the source)
    assert 'href="/zh-hans/policies/' in html

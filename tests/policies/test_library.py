import html
import re

import pytest

from tests.factories import english_of

TITLE = re.compile(r'<h2 class="policy-summary__title"><a href="[^"]*">([^<]*)</a></h2>')


def listed(response):
    assert response.status_code == 200
    return [html.unescape(title) for title in TITLE.findall(response.content.decode())]


def test_index_lists_every_status_newest_first(client, index_zh, library):
    assert listed(client.get(index_zh.url)) == [
        "本市对外投资扶持资金管理办法（示例）",
        "企业境外投资管理办法",
        "关于进一步简化和改进直接投资外汇管理政策的通知",
        "境外投资项目核准和备案管理办法",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=repealed", ["境外投资项目核准和备案管理办法"]),
        ("status=amended", ["本市对外投资扶持资金管理办法（示例）"]),
        ("body=国家外汇管理局", ["关于进一步简化和改进直接投资外汇管理政策的通知"]),
        ("topic=foreign_exchange", ["关于进一步简化和改进直接投资外汇管理政策的通知"]),
        ("level=city", ["本市对外投资扶持资金管理办法（示例）"]),
        ("year=2017", ["企业境外投资管理办法"]),
        ("status=in_force&topic=filing_approval", ["企业境外投资管理办法"]),
        ("level=provincial", []),
    ],
)
def test_each_filter(client, index_zh, library, query, expected):
    assert listed(client.get(f"{index_zh.url}?{query}")) == expected


@pytest.mark.parametrize(
    "query", ["status=valid", "topic=weather", "level=planet", "year=1999", "year=abc", "body=不存在的机关"]
)
def test_bad_filter_value_is_reported_and_ignored(client, index_zh, library, query):
    """A bad value is named in the error summary and the list is unfiltered; not a 500."""
    response = client.get(f"{index_zh.url}?{query}")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in content
    value = query.partition("=")[2]
    assert f"“{value}”不是可选项之一" in html.unescape(content)
    assert len(listed(response)) == 4


def test_english_index_filters_by_english_issuing_body(client, index_en, library):
    response = client.get(index_en.url, {"body": "国家发展和改革委员会 (en)"})
    assert listed(response) == [
        "Measures for the Administration of Enterprise Outbound Investment",
        "Measures for the Approval and Filing of Outbound Investment Projects",
    ]
    content = response.content.decode()
    assert "Issuing body" in content and "Repealed" in content


def test_repealed_policy_says_so_and_links_its_replacement(client, library):
    content = client.get(library["2014"].url).content.decode()
    notice = content[content.index('id="superseded-notice"') :]
    notice = notice[: notice.index("</div>")]
    assert "已废止" in notice
    assert f'href="{library["2017"].url}"' in notice
    assert "国家发展和改革委员会令第11号" in notice


def test_english_repealed_policy_links_the_english_replacement(client, library):
    """superseded_by names the Chinese page; the English page links the English replacement."""
    content = client.get(english_of(library["2014"]).url).content.decode()
    notice = content[content.index('id="superseded-notice"') :]
    assert "Repealed" in notice[:200]
    assert f'href="{english_of(library["2017"]).url}"' in notice


def test_replacement_lists_what_it_replaces(client, library):
    content = client.get(library["2017"].url).content.decode()
    assert 'id="superseded-notice"' not in content
    assert f'href="{library["2014"].url}"' in content[content.index('id="replaces-heading"') :]


def test_policy_in_force_has_no_notice_and_shows_its_facts(client, library):
    content = client.get(library["forex"].url).content.decode()
    assert 'id="superseded-notice"' not in content
    for fact in ("汇发〔2015〕13号", "国家外汇管理局", "外汇", "现行有效", "国家级"):
        assert fact in content

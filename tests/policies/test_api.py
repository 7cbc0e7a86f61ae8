"""Policy documents in the read-only API (interchange/api.py): public fields, filters, drafts never."""

import pytest

from tests.factories import PolicyPageFactory, english_of


def get(client, expect=200, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == expect, response.content
    return response.json()


@pytest.mark.django_db
def test_policies_are_served_with_their_public_fields_and_filters(client, library):
    PolicyPageFactory(title="草稿文件", live=False)
    data = get(client, type="policies.PolicyPage", locale="zh-hans", fields="*", order="title")
    titles = [item["title"] for item in data["items"]]
    assert "草稿文件" not in titles and len(titles) == 4
    [repealed] = [item for item in data["items"] if item["status"] == "repealed"]
    assert repealed["document_number"] == "国家发展和改革委员会令第9号"
    assert repealed["issued_on"] == "2014-04-08" and repealed["topic"] == "filing_approval"
    assert repealed["superseded_by"]["id"] == library["2017"].pk
    assert not {"owner", "locked_by", "latest_revision"} & set(repealed)

    foreign_exchange = get(client, type="policies.PolicyPage", topic="foreign_exchange")
    assert [item["title"] for item in foreign_exchange["items"]] == ["关于进一步简化和改进直接投资外汇管理政策的通知"]
    english = get(client, type="policies.PolicyPage", locale="en", status="repealed", fields="document_number")
    assert [item["id"] for item in english["items"]] == [english_of(library["2014"]).pk]
    assert english["items"][0]["document_number"] == "国家发展和改革委员会令第9号 (en)"
    assert get(client, expect=400, type="policies.PolicyPage", issued_on="last-year")["message"].startswith(
        "field filter error"
    )

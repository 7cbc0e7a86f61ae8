"""The questionnaire without JavaScript: plain GET forms, one question per
step, the earlier answers carried as hidden fields, the result's own URL; a
missing or wrong answer goes back to its question with a translated reason
(status 400, never stored by the page cache), never a 500."""

import datetime
import re

import pytest

from edge.cache import CACHE_STATUS_HEADER
from filing.models import Threshold
from tests.factories import PolicyPageFactory, publish_rule
from tests.filing.test_navigator import LOCAL_50M

pytestmark = pytest.mark.django_db


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="([a-z]+)" value="([^"]*)">', html))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_one_question_per_step_then_the_result_url(client, home, language):
    """Walks the six steps as a browser without JavaScript would: each step's
    form sends the earlier answers (its hidden fields) and its own."""
    answers = {}
    for number, (name, value) in enumerate(LOCAL_50M.items(), start=1):
        response = client.get(f"/{language}/filing/", answers)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'name="{name}"' in html and f'id="id_{name}"' in html or f'id="id_{name}_0"' in html
        assert hidden_fields(html) == answers
        assert (f"Question {number} of 6" if language == "en" else f"第 {number} 题，共 6 题") in html
        assert '<form class="filing-step" method="get"' in html
        answers[name] = value
    response = client.get(f"/{language}/filing/", answers)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{language}/filing/result/?investor=local&country=VN")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("changes", "english", "chinese"),
    [
        ({"amount": "fifty"}, "Enter the amount as a number, e.g. 50 or 12.5.", "请以数字填写金额，例如 50 或 12.5。"),
        ({"amount": "-5"}, "The amount must be more than zero.", "金额必须大于零。"),
        ({"amount": "1e400"}, "at most 1000000 million US dollars", "金额不能超过 1000000 百万美元"),
        ({"amount": "NaN"}, "Enter the amount as a number", "请以数字填写金额"),
        ({"amount": "9999999"}, "at most 1000000 million US dollars", "金额不能超过 1000000 百万美元"),
        (
            {"country": "XX"},
            "Choose the destination country or region from the list.",
            "请从列表中选择投资目的国家或地区。",
        ),
        ({"investor": "<script>"}, "Choose who invests.", "请选择投资主体。"),
        ({"industry": "casinos"}, "Choose the industry from the list.", "请从列表中选择行业。"),
        ({"mode": ""}, "Choose how the investment is made.", "请选择投资方式。"),
        ({"financing": None}, "Choose how it is financed.", "请选择资金来源。"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_bad_or_missing_answer_goes_back_to_its_question(client, home, language, changes, english, chinese):
    query = {name: value for name, value in {**LOCAL_50M, **changes}.items() if value is not None}
    response = client.get(f"/{language}/filing/result/", query)
    html = response.content.decode()
    assert response.status_code == 400
    assert (english if language == "en" else chinese) in html
    (name,) = changes
    assert f'name="{name}"' in html  # the question itself, to answer again
    assert 'role="alert"' in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_an_answer_given_wrongly_on_the_way_is_shown_with_its_reason(client, home):
    answers = {"investor": "local", "country": "VN", "industry": "auto-parts"}
    response = client.get("/en/filing/", {**answers, "amount": "abc"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the amount as a number, e.g. 50 or 12.5." in html
    assert hidden_fields(html) == answers


def test_a_question_not_yet_reached_shows_no_error(client, home):
    html = client.get("/en/filing/").content.decode()
    assert 'role="alert"' not in html
    assert "Who invests?" in html


def test_the_result_is_cached_until_a_rule_is_published_and_an_error_is_not(client, home, settings):
    """The result page is a public GET page the anonymous page cache keeps (edge/cache.py);
    publishing a rule purges it (filing's models are in PAGE_CACHE_SITE_WIDE_MODELS: without
    them the last request would be a stale hit). No max-age: a browser would keep it stale."""
    settings.PAGE_CACHE_SECONDS = 600
    ok = client.get("/en/filing/result/", LOCAL_50M)
    assert "max-age" not in ok.get("Cache-Control", "")
    assert not ok.cookies
    assert client.get("/en/filing/result/", LOCAL_50M)[CACHE_STATUS_HEADER] == "hit"
    bad = client.get("/en/filing/result/", {**LOCAL_50M, "amount": "x"})
    assert bad.status_code == 400
    assert client.get("/en/filing/result/", {**LOCAL_50M, "amount": "x"}).get(CACHE_STATUS_HEADER) != "hit"
    publish_rule(Threshold(name="line", amount_million_usd=300, applies_from=datetime.date(2018, 3, 1)))
    assert client.get("/en/filing/result/", LOCAL_50M)[CACHE_STATUS_HEADER] == "miss"


def test_a_cached_result_is_purged_when_a_policy_is_published(client, home, settings):
    """A result cites policies and applies only rules whose policy is in force: publishing a
    policy (in the source language, here repealing one) makes the English result a miss
    (edge.cache.add_area_tags; without it the second request would be a stale hit)."""
    settings.PAGE_CACHE_SECONDS = 600
    policy = PolicyPageFactory()
    client.get("/en/filing/result/", LOCAL_50M)
    assert client.get("/en/filing/result/", LOCAL_50M)[CACHE_STATUS_HEADER] == "hit"
    policy.status = "repealed"
    policy.save_revision().publish()
    assert client.get("/en/filing/result/", LOCAL_50M)[CACHE_STATUS_HEADER] == "miss"

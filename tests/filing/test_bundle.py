"""The navigator's rules in the content bundle (format 1.1): validated with JSON
paths before anything is written, imported published (the navigator applies
them), idempotent, and exported back as the demo bundle has them."""

import copy
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from filing.models import Procedure, SensitiveCountry, SensitiveIndustry, Threshold
from interchange.exporter import export_bundle
from interchange.importer import import_bundle
from interchange.validation import FILING_RULE_LISTS, validate_bundle
from policies.models import PolicyPage
from tests.interchange.bundles import bundle

CONTENT = settings.BASE_DIR / "core" / "demo" / "content"


def demo(name):
    return json.loads((CONTENT / f"{name}.json").read_text(encoding="utf-8"))


def demo_policies_and_rules():
    return {**demo("policies"), **demo("filing_rules")}


def problems(data, language="en"):
    with translation.override(language):
        return [str(problem) for problem in validate_bundle(data)]


def test_the_demo_rules_are_valid_and_bundles_without_rules_stay_valid():
    assert problems(demo("filing_rules")) == []
    assert problems(bundle()) == []  # version 1, no rules
    assert problems(demo("policies")) == []  # 1.1 without rules


def test_rule_problems_are_reported_with_their_json_paths_in_the_reader_s_language():
    data = demo("filing_rules")
    data["filing_thresholds"][0]["amount_million_usd"] = 300.125
    data["filing_sensitive_industries"][0]["sector"] = "casinos"
    data["filing_sensitive_industries"][1]["applies_from"] = "2018-02-30"
    data["filing_sensitive_countries"][0]["country"] = "XX"
    data["filing_procedures"][0]["translations"]["en"]["documents"] = ["One", "Two\nlines"]
    data["filing_procedures"][1]["amount_condition"] = "below"  # below which threshold?
    data["filing_procedures"][2]["policy"] = "NDRC Order 11"  # not a key
    data["filing_procedures"][3]["colour"] = "red"
    found = problems(data)
    assert found[1].startswith("filing_sensitive_industries[0].sector: 'casinos' is not one of: ")
    assert "real-estate" in found[1]  # the sectors of core.vocabularies.Sector, listed
    assert found[:1] + found[2:4] == [
        "filing_thresholds[0].amount_million_usd: must be less than 10000000000, with at most two decimal places",
        "filing_sensitive_industries[1].applies_from: '2018-02-30' is not a date in the form YYYY-MM-DD",
        "filing_sensitive_countries[0].country: “XX” is not an ISO 3166-1 country code (two capital letters, e.g. KH).",
    ]
    assert [problem.split(":")[0] for problem in found[4:]] == [
        "filing_procedures[0].translations.en.documents[1]",
        "filing_procedures[1].threshold",
        "filing_procedures[2].policy",
        "filing_procedures[3].colour",
    ]
    assert found[5] == "filing_procedures[1].threshold: is required when amount_condition is 'below'"
    assert problems(data, "zh-hans")[5] == "filing_procedures[1].threshold: amount_condition 为 'below' 时必填"


def test_a_duplicate_sector_is_refused():
    data = demo("filing_rules")
    data["filing_sensitive_industries"].append(copy.deepcopy(data["filing_sensitive_industries"][0]))
    assert problems(data) == [
        "filing_sensitive_industries[7].sector: duplicate key 'weapons' (first used at filing_sensitive_industries[0])"
    ]


@pytest.mark.django_db
def test_rules_are_imported_published_and_translated_and_the_navigator_applies_them(zh, en):
    result = import_bundle(demo_policies_and_rules())
    assert result.problems == [] and result.notes == []
    assert {name: dict(result.counts[name]) for name in FILING_RULE_LISTS} == {
        "filing_thresholds": {"created": 1},
        "filing_sensitive_industries": {"created": 7},
        "filing_sensitive_countries": {"created": 1},
        "filing_procedures": {"created": 13},
    }
    # Published, as a reviewer's approval publishes: without it in_force() would find none.
    assert Threshold.objects.in_force().count() == 1
    assert Procedure.objects.filter(locale=zh).in_force().count() == 13
    assert Procedure.objects.filter(locale=en).in_force().count() == 13
    assert SensitiveIndustry.objects.filter(locale=en).in_force().count() == 7
    assert not Procedure.objects.filter(live_revision__isnull=True).exists()

    procedure = Procedure.objects.get(locale=zh, key="ndrc-filing-local-large")
    assert procedure.threshold == Threshold.objects.get(key="ndrc-national-filing")
    assert procedure.policy == PolicyPage.objects.get(locale=zh, slug="ndrc-order-11-2017")
    assert procedure.document_list()[0] == "项目备案表"
    english = procedure.get_translation(en)
    assert (
        english.name == "Filing of the outbound investment project (NDRC)" and english.threshold == procedure.threshold
    )
    country = SensitiveCountry.objects.get(locale=en, country="KP")
    assert country.reason.startswith("Example:") and country.policy == procedure.policy


@pytest.mark.django_db
def test_a_second_import_changes_nothing_and_a_changed_rule_is_updated_in_place(zh, en):
    import_bundle(demo_policies_and_rules())
    threshold = Threshold.objects.get(key="ndrc-national-filing")
    revisions = threshold.revisions.count()

    again = import_bundle(demo_policies_and_rules())
    assert {dict(again.counts[name]).get("unchanged") for name in FILING_RULE_LISTS} == {1, 7, 13}
    assert threshold.revisions.count() == revisions

    data = demo_policies_and_rules()
    data["filing_thresholds"][0]["amount_million_usd"] = 250
    data["filing_procedures"][0]["translations"]["en"]["name"] = "Approval of the project"
    changed = import_bundle(data)
    assert dict(changed.counts["filing_thresholds"]) == {"updated": 1}
    assert dict(changed.counts["filing_procedures"]) == {"updated": 1, "unchanged": 12}
    threshold.refresh_from_db()
    assert threshold.amount_million_usd == Decimal("250") and threshold.live_revision.content["amount_million_usd"]
    assert Threshold.objects.count() == 1 and Procedure.objects.count() == 26  # no copies
    assert Procedure.objects.get(locale=en, key="ndrc-approval").name == "Approval of the project"


@pytest.mark.django_db
def test_the_export_gives_back_the_demo_rules_so_the_round_trip_is_equal(zh, en):
    """Import into an empty site, export: the demo bundle again (items sorted by key), so
    export → import → export is equal. Without the rule adapters' export the lists would be missing."""
    import_bundle(demo_policies_and_rules())
    exported = export_bundle(FILING_RULE_LISTS)
    expected = demo("filing_rules")
    assert exported == {
        "format": "outbound-content/1.1",
        **{
            name: sorted(expected[name], key=lambda item: item.get("key") or item.get("sector") or item["country"])
            for name in FILING_RULE_LISTS
        },
    }
    assert problems(exported) == []
    again = import_bundle(copy.deepcopy({**demo("policies"), **exported}))
    assert {dict(again.counts[name]).get("unchanged") for name in FILING_RULE_LISTS} == {1, 7, 13}


@pytest.mark.django_db
def test_a_rule_citing_an_unknown_policy_is_a_problem_and_nothing_is_written(zh, en):
    data = demo_policies_and_rules()
    data["filing_procedures"][4]["policy"] = "ndrc-order-99"
    with translation.override("en"):
        result = import_bundle(data)
    assert [str(problem) for problem in result.problems] == [
        "filing_procedures[4].policy: there is no policy document with the key 'ndrc-order-99', "
        "in the bundle or on the site"
    ]
    assert not PolicyPage.objects.exists() and not Threshold.objects.exists() and not Procedure.objects.exists()


@pytest.mark.django_db
def test_a_procedure_naming_an_unknown_threshold_is_a_problem_in_chinese_too(zh, en):
    data = demo_policies_and_rules()
    data["filing_procedures"][2]["threshold"] = "usd-500m"
    with translation.override("zh-hans"):
        result = import_bundle(data)
    assert [str(problem) for problem in result.problems] == [
        "filing_procedures[2].threshold: 内容包和网站上都没有键为 'usd-500m' 的导航阈值"
    ]
    assert not Procedure.objects.exists()


@pytest.mark.django_db
def test_under_draft_new_rules_arrive_unpublished(zh, en):
    """A draft import must not change the navigator's answers."""
    import_bundle(demo("policies"))
    result = import_bundle(demo("filing_rules"), draft=True)
    assert result.problems == []
    assert Procedure.objects.filter(locale=zh).count() == 13
    assert not Procedure.objects.in_force().exists() and not Threshold.objects.in_force().exists()

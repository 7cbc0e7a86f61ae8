"""Policies in the content bundle (format 1.1): validated with JSON paths, imported
(replacements first, whatever the order), idempotent, exported back unchanged."""

import copy
import json

import pytest
from django.conf import settings
from django.utils import translation

from advisories.models import AdvisoryPage
from core.related import policy_citations
from interchange.exporter import export_bundle
from interchange.importer import import_bundle
from interchange.validation import validate_bundle
from policies.models import PolicyPage
from tests.factories import after_commit
from tests.interchange.bundles import advisory, bundle

DEMO = settings.BASE_DIR / "core" / "demo" / "content" / "policies.json"


def demo_bundle():
    return json.loads(DEMO.read_text(encoding="utf-8"))


def problems(data):
    with translation.override("en"):
        return [str(problem) for problem in validate_bundle(data)]


def test_demo_policies_are_valid_and_a_version_1_bundle_stays_valid():
    assert problems(demo_bundle()) == []
    assert problems(bundle()) == []  # no policies list: still valid


def test_policy_problems_are_reported_with_their_json_paths():
    data = demo_bundle()
    data["policies"][0]["status"] = "obsolete"
    data["policies"][1]["in_force_on"] = "2018-01-01"  # before issued_on
    data["policies"][2]["translations"]["zh-hans"]["issuing_body"] = ""
    data["policies"][3]["superseded_by"] = "ndrc-order-11-2017"  # but in force
    data["policies"][4]["topic"] = "weather"
    data["policies"][5]["source_url"] = "ftp://example.org/"
    assert problems(data) == [
        "policies[0].status: 'obsolete' is not one of: in_force, amended, repealed",
        "policies[1].in_force_on: must not be before issued_on",
        "policies[2].translations.zh-hans.issuing_body: must not be empty",
        "policies[3].status: must be amended or repealed when superseded_by is given",
        "policies[4].topic: 'weather' is not one of: filing_approval, foreign_exchange, tax, ip, compliance_esg, "
        "security, finance_insurance, support_funds",
        "policies[5].source_url: “ftp://example.org/” is not a web address starting with http:// or https://.",
    ]


def test_replacements_that_go_round_in_a_circle_are_refused():
    data = demo_bundle()
    first, second = data["policies"][0], data["policies"][4]  # 2017 measures, repealed 2014 measures
    first.update(status="amended", superseded_by=second["key"])
    assert problems(data) == [
        "policies[0].superseded_by: the replacements go round in a circle",
        "policies[4].superseded_by: the replacements go round in a circle",
    ]


@pytest.mark.django_db
def test_import_links_the_replacement_whatever_the_order_and_exports_back_unchanged(zh, en):
    """The repealed 2014 measures come after the 2017 ones in the demo; here they come first.
    Without PolicyList.import_order the replacement would not exist yet and the import would fail."""
    data = demo_bundle()
    data["policies"].sort(key=lambda item: item["key"] != "ndrc-order-9-2014")
    result = import_bundle(data)
    assert result.problems == [] and result.notes == []
    assert dict(result.counts["policies"]) == {"created": 8}

    repealed = PolicyPage.objects.get(locale=zh, slug="ndrc-order-9-2014")
    assert repealed.superseded_by == PolicyPage.objects.get(locale=zh, slug="ndrc-order-11-2017")
    english = repealed.get_translation(en)
    assert english.document_number == "NDRC Order No. 9" and english.live
    assert english.replacement().title == "Measures for the Administration of Enterprise Outbound Investment"

    exported = export_bundle(["policies"])
    assert exported["format"] == "outbound-content/1.1"
    assert exported == {
        "format": "outbound-content/1.1",
        "policies": sorted(demo_bundle()["policies"], key=lambda item: item["key"]),
    }
    assert problems(exported) == []

    again = import_bundle(copy.deepcopy(exported))
    assert dict(again.counts["policies"]) == {"unchanged": 8}


@pytest.mark.django_db
def test_a_replacement_missing_from_bundle_and_site_is_a_problem_not_a_half_import(zh):
    data = demo_bundle()
    data["policies"] = [item for item in data["policies"] if item["key"] == "ndrc-order-9-2014"]
    with translation.override("en"):
        result = import_bundle(data)
    assert [str(problem) for problem in result.problems] == [
        "policies[0].superseded_by: there is no policy document with the key 'ndrc-order-11-2017', "
        "in the bundle or on the site"
    ]
    assert not PolicyPage.objects.exists()


ZH_BODY = (
    '<p>依据<a href="/zh-hans/policies/ndrc-order-11-2017/">第11号令</a>办理；'
    '另见<a href="https://example.org/origin">说明</a>。</p>'
)
EN_BODY = (
    '<p>File under <a href="/en/policies/ndrc-order-11-2017/">Order No. 11</a>; '
    'see <a href="https://example.org/origin">the note</a>.</p>'
)


@pytest.mark.django_db
def test_a_link_to_a_policy_path_is_imported_as_an_internal_link_and_exported_as_written(zh, en):
    """The advisory comes before the policies in the file; the importer takes policies first.
    Without richtext.with_page_links the link would stay a plain href, which Wagtail's
    reference index does not see: the policy's "cited by" would be empty."""
    item = advisory()
    item["translations"]["zh-hans"]["body"] = ZH_BODY
    item["translations"]["en"]["body"] = EN_BODY
    data = {
        **bundle(guides=[], events=[], directory=[], advisories=[item]),
        "format": "outbound-content/1.1",
        "policies": demo_bundle()["policies"],
    }
    result = after_commit(import_bundle, data)
    assert result.problems == [] and result.notes == []

    order_11 = PolicyPage.objects.get(locale=zh, slug="ndrc-order-11-2017")
    stored = AdvisoryPage.objects.get(locale=zh).body.raw_data[0]["value"]
    assert f'<a linktype="page" id="{order_11.pk}">' in stored
    assert '<a href="https://example.org/origin">' in stored  # other links as written
    for locale, policy in ((zh, order_11), (en, order_11.get_translation(en))):
        cited = [item.title for listing in policy_citations(policy, locale) for item in listing.items]
        assert cited == [AdvisoryPage.objects.get(locale=locale).title]

    exported = export_bundle(["advisories"])["advisories"][0]["translations"]
    assert (exported["zh-hans"]["body"], exported["en"]["body"]) == (ZH_BODY, EN_BODY)
    again = import_bundle(data)
    assert dict(again.counts["advisories"]) == {"unchanged": 1}

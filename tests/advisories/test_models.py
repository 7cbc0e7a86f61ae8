from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from wagtail.search import index

from advisories.models import AdvisoryPage
from core.fields import token_string
from tests.factories import AdvisoryPageFactory, add_english, after_commit


def test_token_string_is_sorted_unique_and_empty_for_everywhere():
    assert token_string(["KH", "AE", "KH"]) == "|AE|KH|"
    assert token_string([]) == ""


def test_expiry_moves_an_advisory_from_current_to_expired_the_day_after(index_zh, today):
    advisory = AdvisoryPageFactory(title="到期测试", expires=today + timedelta(days=2))
    last_day = today + timedelta(days=2)
    current_on = set(AdvisoryPage.objects.current(today=last_day).values_list("pk", flat=True))
    expired_on = set(AdvisoryPage.objects.expired(today=last_day).values_list("pk", flat=True))
    assert advisory.pk in current_on and advisory.pk not in expired_on
    assert advisory.is_current(today=last_day)

    day_after = last_day + timedelta(days=1)
    assert advisory.pk not in set(AdvisoryPage.objects.current(today=day_after).values_list("pk", flat=True))
    assert advisory.pk in set(AdvisoryPage.objects.expired(today=day_after).values_list("pk", flat=True))
    assert not advisory.is_current(today=day_after)


def test_an_advisory_without_expiry_stays_current(index_zh, today):
    advisory = AdvisoryPageFactory(title="长期有效")
    far_future = today + timedelta(days=3650)
    assert AdvisoryPage.objects.current(today=far_future).filter(pk=advisory.pk).exists()
    assert not advisory.is_expired


def test_concerning_a_country_includes_advisories_for_everywhere(index_zh):
    cambodia = AdvisoryPageFactory(title="柬埔寨", countries=["KH"])
    region = AdvisoryPageFactory(title="柬泰两国", countries=["TH", "KH"])
    everywhere = AdvisoryPageFactory(title="全球")
    thailand = AdvisoryPageFactory(title="泰国", countries=["TH"])
    found = set(AdvisoryPage.objects.concerning("KH").values_list("pk", flat=True))
    assert {cambodia.pk, region.pk, everywhere.pk} <= found
    assert thailand.pk not in found


def test_countries_are_normalised_and_tokenised_on_save(index_zh):
    advisory = AdvisoryPageFactory(title="规范化", countries=["th", "KH", "TH"])
    advisory.refresh_from_db()
    assert advisory.countries == ["KH", "TH"]
    assert advisory.country_tokens == "|KH|TH|"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"countries": ["XX"]}, "countries"),
        ({"expires_offset": -1}, "expires"),
        ({"slug": "feed"}, "slug"),
        ({"slug": "subscribe"}, "slug"),
    ],
)
def test_bad_classification_is_refused_with_a_message_on_the_field(index_zh, today, changes, field):
    advisory = AdvisoryPageFactory(title="校验", issued=today)
    if "expires_offset" in changes:
        advisory.expires = today + timedelta(days=changes.pop("expires_offset"))
    for name, value in changes.items():
        setattr(advisory, name, value)
    with pytest.raises(ValidationError) as error:
        advisory.full_clean()
    assert field in error.value.message_dict


def test_bundle_body_is_one_rich_text_block(index_zh):
    advisory = AdvisoryPageFactory(title="正文", body_html="<p>第一段</p><ul><li>要点</li></ul>")
    advisory.refresh_from_db()
    assert [block.block_type for block in advisory.body] == ["rich_text"]
    assert "<li>要点</li>" in advisory.body[0].value.source


def test_structure_is_synchronised_and_text_translated(index_zh, en, today):
    source = AdvisoryPageFactory(
        title="外汇管制", kind="forex", severity="warning", countries=["AE"], expires=today + timedelta(days=30)
    )
    english = after_commit(add_english, source, title="Foreign exchange controls", summary="Controls tightened.")
    assert english.locale == en and english.live
    assert english.title == "Foreign exchange controls"
    assert english.summary == "Controls tightened."
    assert (english.kind, english.severity, english.countries, english.country_tokens) == (
        "forex",
        "warning",
        ["AE"],
        "|AE|",
    )
    assert (english.issued, english.expires) == (source.issued, source.expires)
    assert english.slug == source.slug
    assert english.get_parent().specific.locale == en


def test_search_fields_cover_text_and_filters():
    fields = {(type(field).__name__, field.field_name) for field in AdvisoryPage.search_fields}
    for expected in [
        ("SearchField", "title"),
        ("SearchField", "summary"),
        ("SearchField", "body"),
        ("AutocompleteField", "title"),
        ("FilterField", "locale"),
        ("FilterField", "kind"),
        ("FilterField", "severity"),
        ("FilterField", "live"),
    ]:
        assert expected in fields
    assert index.class_is_indexed(AdvisoryPage)

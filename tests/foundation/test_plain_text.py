"""The plain-text rule at the input doors (core.validators) and the output
helper (core.text), on their own; the doors and outputs are tested where they
are used (tests/interchange/test_admin_parity.py, the feeds, the calendars)."""

import json

import pytest
from django.core.exceptions import ValidationError

from core.text import one_line, xml_safe
from core.validators import validate_multiline_text, validate_single_line_text
from directory.models import DirectoryEntry
from directory.structured_data import organization_json_ld
from tests.factories import DirectoryEntryFactory


@pytest.mark.parametrize("value", ["老挝\t投资", "第一行\n第二行", "第一行\r\n第二行"])
def test_several_lines_may_hold_tabs_and_line_breaks(value):
    validate_multiline_text(value)


@pytest.mark.parametrize(
    ("value", "character"),
    [("a\x0bb", "U+000B"), ("a\x00b", "U+0000"), ("a\x7fb", "U+007F"), ("a\x85b", "U+0085")],
)
def test_control_characters_are_refused_and_named(value, character):
    with pytest.raises(ValidationError) as refused:
        validate_multiline_text(value)
    assert refused.value.code == "control_character"
    assert character in refused.value.messages[0]


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\u2028b"])
def test_one_line_refuses_line_breaks(value):
    with pytest.raises(ValidationError) as refused:
        validate_single_line_text(value)
    assert refused.value.code == "line_break"


def test_xml_safe_keeps_what_xml_allows():
    assert xml_safe("a\tb\nc\rd\x0be\x00f\ufffeg é 中") == "a\tb\nc\rdefg é 中"
    assert xml_safe(None) == ""


def test_one_line_folds_every_kind_of_line_break():
    assert one_line(" 研讨会\r\n第二期\u2028终\x0b ") == "研讨会 第二期 终"


@pytest.mark.django_db
def test_json_ld_of_an_entry_with_stored_control_characters_is_valid():
    entry = DirectoryEntryFactory()
    DirectoryEntry.objects.filter(pk=entry.pk).update(name="万象\x0b商会", description="第一行\n第二行\x01")
    data = json.loads(organization_json_ld(DirectoryEntry.objects.get(pk=entry.pk), "https://example.org/e/"))
    assert data["name"] == "万象商会"
    assert data["description"] == "第一行\n第二行"

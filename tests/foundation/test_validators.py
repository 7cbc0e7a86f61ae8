"""core.validators: the one rule for each kind of value (every door calls these)."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import (
    format_phone,
    normalise_phone,
    validate_currency_code,
    validate_directory_key,
    validate_key,
    validate_time_zone,
    validate_web_url,
)


def code_of(validate, value):
    with pytest.raises(ValidationError) as caught:
        validate(value)
    return caught.value.code


def test_a_number_of_a_possible_length_but_not_in_the_numbering_plan_is_refused():
    # +1 555 555 0100 has the length of a North American number but no such number is assigned.
    assert code_of(normalise_phone, "+1 555 555 0100") == "invalid_phone"


def test_a_valid_international_number_is_kept_in_e164_and_shown_grouped():
    assert normalise_phone("+855 23 880 012") == "+85523880012"
    assert format_phone("+85523880012") == "+855 23 880 012"


def test_a_national_number_is_refused_unless_read_as_a_mainland_mobile():
    assert code_of(normalise_phone, "138 1234 5678") == "invalid_phone"
    assert normalise_phone("138 1234 5678", mainland_mobile=True) == "+8613812345678"


def test_apply_is_a_good_key_but_not_a_directory_key():
    validate_key("apply")
    assert code_of(validate_directory_key, "apply") == "reserved_key"


@pytest.mark.parametrize(
    ("validate", "value", "code"),
    [
        (validate_time_zone, "Asia/Lao", "invalid_time_zone"),
        (validate_currency_code, "usd", "invalid_currency"),
        (validate_web_url, "ftp://files.example.org/", "invalid_url"),
        (validate_key, "a" * 101, "key_too_long"),
    ],
)
def test_bad_codes_are_refused(validate, value, code):
    assert code_of(validate, value) == code

import pytest
from django.core.exceptions import ValidationError

from core.validators import normalise_phone
from events.validators import credit_code_check_character, validate_credit_code

# Published codes of real registered companies (business licences are public records).
VALID_CODES = ["91110000600037341L", "91350100M000100Y43", "91440300708461136T", "91310000MA1FL4B24G"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_credit_codes_pass_unchanged(code):
    assert validate_credit_code(code) == code


def test_check_character_follows_gb_32100_weights():
    # Worked by hand: weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, sum mod 31.
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    first = "91350100M000100Y4"
    total = sum(alphabet.index(char) * weight for char, weight in zip(first, weights, strict=True))
    assert credit_code_check_character(first) == alphabet[(31 - total % 31) % 31] == "3"


@pytest.mark.parametrize("code", VALID_CODES)
def test_a_wrong_check_character_is_refused(code):
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(wrong)
    assert caught.value.code == "credit_code_checksum"


@pytest.mark.parametrize("code", ["9111000060003734", "91110000600037341LX", "", "9"])
def test_wrong_length_is_refused_with_the_count(code):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert caught.value.code == "credit_code_length"
    assert str(len(code)) in caught.value.messages[0]


def test_lowercase_and_separators_are_normalised():
    assert validate_credit_code("91350100m000100y43") == "91350100M000100Y43"
    assert validate_credit_code(" 9135 0100-M000 100Y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "code",
    [
        "9135010OM000100Y43",  # letter O is not in the alphabet
        "91350100I000100Y43",  # nor I
        "913A0100M000100Y43",  # the division code is digits only
        "91350100M000100Y4!",
    ],
)
def test_characters_outside_the_standard_are_refused(code):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert caught.value.code == "credit_code_format"


def test_letter_coded_authorities_are_accepted():
    # Y (other authorities) is allowed in position 1 by GB 32100 (stdnum's own validate() refuses it).
    first = "Y1330100MA2B3C4D5"
    assert validate_credit_code(first + credit_code_check_character(first)).startswith("Y1")


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("138-1234-5678", "+8613812345678"),
        ("+86 138 1234 5678", "+8613812345678"),
        ("+855 12 345 678", "+85512345678"),
        ("+971501234567", "+971501234567"),
        ("+1 415 555 2671", "+14155552671"),
    ],
)
def test_mainland_mobiles_and_international_numbers_are_stored_in_e164(raw, e164):
    assert normalise_phone(raw, mainland_mobile=True) == e164


@pytest.mark.parametrize("raw", ["12345", "1381234567", "23812345678", "+999 123", "phone", "", "+86 138 1234 56789"])
def test_malformed_numbers_are_refused(raw):
    with pytest.raises(ValidationError) as caught:
        normalise_phone(raw, mainland_mobile=True)
    assert caught.value.code == "invalid_phone"


@pytest.mark.parametrize("raw", ["0571 8888 0000", "+86 571 8888 0000"])
def test_a_mainland_landline_is_refused_as_not_mobile(raw):
    with pytest.raises(ValidationError) as caught:
        normalise_phone(raw, mainland_mobile=True)
    assert caught.value.code == "phone_not_mobile"

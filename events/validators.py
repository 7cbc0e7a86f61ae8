"""The unified social credit code a firm types into the registration form
(its phone number follows core.validators.normalise_phone).

Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
from the code's alphabet (digits and capital letters except I, O, S, V, Z):

    1      registration authority (9 market regulation, 5 civil affairs, 1 staffing, Y other …)
    2      kind of entity
    3–8    administrative division code (digits)
    9–17   organisation identifier
    18     check character, a weighted sum modulo 31

The check character is computed by python-stdnum (`stdnum.cn.uscc`), a
maintained library. Its own `validate()` insists that positions 1–8 are
digits, which refuses real codes whose authority or entity kind is a letter
(GB 32100 and its later allocations use letters such as Y and N), so the
structure check here follows the standard and only the arithmetic is
delegated.

Lower-case input and separators (spaces, hyphens) are accepted and
normalised: people copy codes from documents in every form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_SHAPE = re.compile(rf"^[{CREDIT_CODE_ALPHABET}]{{2}}[0-9]{{6}}[{CREDIT_CODE_ALPHABET}]{{10}}$")


def normalise_credit_code(value):
    """Upper case, without spaces or hyphens."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def credit_code_check_character(first_seventeen):
    """The GB 32100-2015 check character for the first 17 characters."""
    return uscc.calc_check_digit(first_seventeen)


def validate_credit_code(value):
    """Return the normalised code, or raise ValidationError saying what is wrong."""
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        )
    if not _CREDIT_CODE_SHAPE.match(code):
        raise ValidationError(
            _(
                "This is not a unified social credit code: it uses digits and capital letters except I, O, S, V "
                "and Z, with digits in positions 3 to 8."
            ),
            code="credit_code_format",
        )
    if code[-1] != credit_code_check_character(code[:17]):
        raise ValidationError(
            _("The check character (the last one) does not match: please check the code for a typing error."),
            code="credit_code_checksum",
        )
    return code

"""The fixed list of hostile values the fuzz test feeds every public input.

Each value is written as it travels in a query string or a form body:
already percent-encoded, so that what no browser would send (a lone
surrogate, bytes that are not UTF-8) reaches the site exactly as an attacker
would send it. A fixed list, not random draws: a failure in CI is the same
failure on a newcomer's machine.
"""

from urllib.parse import quote

# label → the value, percent-encoded
HOSTILE = {
    "empty": "",
    "control characters": "a%00b%0Bc%1B",
    "lone surrogate": "%ED%A0%80",
    "invalid UTF-8": "%FF%FE",
    "10,000 characters": "a" * 10_000,
    "1,000 words": quote(" ".join(["出海"] * 500 + ["risk"] * 500)),
    "huge number": "99999999999999999999",
    "minus one": "-1",
    "overflowing float": "1e309",
}

# A parameter sent twice (a list where one value is expected).
REPEATED = "repeated"


def query(name, label):
    """The query string (or form body) giving `name` the hostile value `label`."""
    if label == REPEATED:
        return f"{name}=1&{name}=KH&{name}=%00"
    return f"{name}={HOSTILE[label]}"


LABELS = [*HOSTILE, REPEATED]

# For forms, whose every post is slower (a valid one saves and sends mail):
# the values that differ once a form field has read them (the numbers differ
# only to a number field, and "1e309" and "-1" are covered by the huge one).
FORM_LABELS = [
    "empty",
    "control characters",
    "lone surrogate",
    "invalid UTF-8",
    "10,000 characters",
    "huge number",
    REPEATED,
]

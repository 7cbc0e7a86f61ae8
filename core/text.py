"""Text that cannot break an output format, whatever is stored.

The input doors refuse control characters (core.validators.validate_single_line_text
and validate_multiline_text), but content saved before that rule, or written
straight to the database, can still hold them. Every output that has a grammar
of its own (Atom feeds, iCalendar files, e-mail headers, JSON-LD) passes its
text through here instead of trusting what is stored.
"""

import re

# What XML 1.0 (section 2.2, Char) forbids: C0 controls other than tab, line
# feed and carriage return, lone surrogates, and U+FFFE / U+FFFF. Django's XML
# writer refuses them with an error, so one of them would make a feed answer 500.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    """`text` without the characters XML 1.0 forbids ("" for None)."""
    return _XML_FORBIDDEN.sub("", text or "")


def one_line(text):
    """`text` safe for XML, on one line, with runs of white space (line breaks
    included, whatever their kind) as single spaces: for a header, a title, a name."""
    return " ".join(xml_safe(text).split())

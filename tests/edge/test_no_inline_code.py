"""The public templates keep to the strict Content-Security-Policy: no inline
script, no event-handler attributes, no javascript: URLs, no inline styles.
(The browser journeys catch violations at run time; this finds them in
templates no journey happens to visit.) Admin and e-mail templates are not
served under the public policy and are left out."""

import re
from pathlib import Path

from django.conf import settings

INLINE_CODE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    "event-handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "<style> element": re.compile(r"<style\b", re.I),
}
NOT_PUBLIC = ("/admin/", "/email/", "/emails/", "/mail/")


def public_templates():
    base = Path(settings.BASE_DIR)
    for directory in [base / "site" / "templates", *base.glob("*/templates")]:
        if ".venv" in directory.parts:
            continue
        for template in directory.rglob("*.html"):
            relative = "/" + template.relative_to(base).as_posix()
            if not any(part in relative for part in NOT_PUBLIC):
                yield template


def test_public_templates_exist_to_check():
    names = {template.name for template in public_templates()}
    assert {"base.html", "home_page.html"} <= names


def test_no_public_template_has_inline_code():
    found = []
    for template in public_templates():
        text = template.read_text(encoding="utf-8")
        for what, pattern in INLINE_CODE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(settings.BASE_DIR)}:{line}: {what}")
    assert not found, "blocked by the public Content-Security-Policy:\n" + "\n".join(found)


def test_the_checks_recognise_inline_code():
    samples = {
        "inline <script>": '<script>alert(1)</script> <script type="module">x</script>',
        "event-handler attribute": '<button type="button" onclick="go()">',
        "javascript: URL": '<a href="javascript:void(0)">',
        "style attribute": '<p class="x" style="color: red">',
        "<style> element": "<style>p {}</style>",
    }
    for what, sample in samples.items():
        assert INLINE_CODE[what].search(sample), what
    allowed = '<script src="/static/a.js" defer></script><script type="application/ld+json">{}</script>'
    assert not any(pattern.search(allowed) for pattern in INLINE_CODE.values())

"""schema.org Organization data for an entry's page (JSON-LD)."""

import json

from core.text import one_line, xml_safe

# As Django's json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization_json_ld(entry, page_url):
    """The JSON text, safe to place inside <script type="application/ld+json">.

    json.dumps escapes control characters, so the JSON is valid whatever is
    stored; they are dropped all the same (core.text), as search engines would
    show them as text, and names are on one line."""
    address = {
        "@type": "PostalAddress",
        "streetAddress": one_line(entry.address),
        "addressLocality": one_line(entry.city),
        "addressCountry": entry.country,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{page_url}#organization",
        "name": one_line(entry.name),
        "description": xml_safe(entry.description),
        "url": entry.website or page_url,
        "email": entry.email,
        "telephone": entry.phone,
        "address": {name: value for name, value in address.items() if value},
        "knowsLanguage": entry.languages,
        "knowsAbout": [str(label) for label in entry.service_labels],
        "mainEntityOfPage": page_url,
    }
    data = {name: value for name, value in data.items() if value}
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)

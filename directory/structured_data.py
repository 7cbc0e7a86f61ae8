"""schema.org Organization data for an entry's page (JSON-LD)."""

import json

# As Django's json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization_json_ld(entry, page_url):
    """The JSON text, safe to place inside <script type="application/ld+json">."""
    address = {
        "@type": "PostalAddress",
        "streetAddress": entry.address,
        "addressLocality": entry.city,
        "addressCountry": entry.country,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{page_url}#organization",
        "name": entry.name,
        "description": entry.description,
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

"""How an advisory's classification reads in lists, pages and e-mails."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.vocabularies import country_name


def countries_text(codes, language_code=None, limit=None):
    """'柬埔寨、泰国' / 'Cambodia, Thailand'; 'All countries' for an empty list.
    With `limit`, names past it are cut to '…'."""
    if not codes:
        return _("All countries")
    language_code = language_code or get_language() or ""
    shown = codes[:limit] if limit else codes
    names = [country_name(code, language_code) for code in shown]
    separator = "、" if language_code.startswith("zh") else ", "
    return separator.join(names) + ("…" if len(codes) > len(shown) else "")

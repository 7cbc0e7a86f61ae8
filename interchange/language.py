"""The language a command talks in: --language, else the shell's locale
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else the site's source language."""

import os
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _

ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ=os.environ):
    for name in ENVIRONMENT_VARIABLES:
        for value in (environ.get(name) or "").split(":"):
            tag = value.split(".")[0].split("@")[0].replace("_", "-").lower()
            if not tag or tag in {"c", "posix"}:
                continue
            try:
                return translation.get_supported_language_variant(tag)
            except LookupError:
                continue
    return settings.LANGUAGE_CODE


@contextmanager
def command_language(requested=None):
    codes = [code for code, _name in settings.LANGUAGES]
    if requested and requested not in codes:
        raise CommandError(_("--language must be one of: %(codes)s") % {"codes": ", ".join(codes)})
    with translation.override(requested or language_from_environment()):
        yield

"""Advisory e-mail alerts during an import.

Publishing an advisory for the first time e-mails its subscribers. A bulk
import (years of past notices, the demo content) must not: the advisories
app offers `mail_suppressed()` for exactly that, which records the mailing
as skipped so a later re-publish sends nothing either. `import_content
--send-alerts` lets a routine import mail new advisories as the admin would.
"""

from contextlib import nullcontext

from django.apps import apps


def alerts_suppressed():
    if not apps.is_installed("advisories"):
        return nullcontext()
    try:
        from advisories.mailing import mail_suppressed
    except ImportError:
        return nullcontext()
    return mail_suppressed()

"""E-mail backends that fail as a real server might (EMAIL_BACKEND in tests)."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "refused@example.com"


class RefusesOneAddress(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"mailbox unavailable: " + REFUSED.encode())})
        return super().send_messages(messages)


class FailsOnce(EmailBackend):
    """The server is down for the first message, then back. Tests set
    `failures_left` (the `fails_once` fixture in tests/mail/conftest.py)."""

    failures_left = 0

    def send_messages(self, messages):
        if FailsOnce.failures_left > 0:
            FailsOnce.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed while talking to " + REFUSED)
        return super().send_messages(messages)

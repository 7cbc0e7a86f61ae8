"""An e-mail backend whose server refuses one address, as a real one might."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "refused@example.com"


class RefusesOneAddress(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"mailbox unavailable: " + REFUSED.encode())})
        return super().send_messages(messages)

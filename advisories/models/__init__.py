from .pages import AdvisoryIndexPage, AdvisoryPage, AdvisoryQuerySet
from .subscriptions import AdvisoryMailing, MailingDelivery, Subscriber, normalise_email

__all__ = [
    "AdvisoryIndexPage",
    "AdvisoryMailing",
    "AdvisoryPage",
    "AdvisoryQuerySet",
    "MailingDelivery",
    "Subscriber",
    "normalise_email",
]

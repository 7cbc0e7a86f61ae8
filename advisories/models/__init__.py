from .pages import AdvisoryIndexPage, AdvisoryPage, AdvisoryQuerySet
from .subscriptions import AdvisoryMailing, Subscriber, normalise_email

__all__ = [
    "AdvisoryIndexPage",
    "AdvisoryMailing",
    "AdvisoryPage",
    "AdvisoryQuerySet",
    "Subscriber",
    "normalise_email",
]

from .pages import AdvisoryIndexPage, AdvisoryPage, AdvisoryQuerySet
from .subscriptions import AdvisoryMailing, Digest, Subscriber, normalise_email

__all__ = [
    "AdvisoryIndexPage",
    "AdvisoryMailing",
    "AdvisoryPage",
    "AdvisoryQuerySet",
    "Digest",
    "Subscriber",
    "normalise_email",
]

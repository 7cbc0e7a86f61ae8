"""Publishing an event may add seats: promote whoever now fits."""

from wagtail.signals import page_published

from .models import EventPage


def promote_after_publish(sender, instance, **kwargs):
    from .booking import refill

    refill(instance)


def connect():
    page_published.connect(promote_after_publish, sender=EventPage, dispatch_uid="events.promote_after_publish")

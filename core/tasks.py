"""Background work (django-tasks) shared by the content areas: pictures' renditions."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_tasks import task

from core.images import generate_renditions, images_in


@task()
def make_renditions(content_type_id, object_id):
    """Every rendition a picture offers, for each image a published object shows,
    so that no visitor's request has to make one."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    item = model._default_manager.filter(pk=object_id).first()
    if item is None:
        return 0
    images = list(images_in(item))
    generate_renditions(images)
    return len(images)


def renditions_after_publishing(item):
    """Queue make_renditions for `item` once the transaction that publishes it commits."""
    content_type_id = ContentType.objects.get_for_model(item).pk
    transaction.on_commit(partial(make_renditions.enqueue, content_type_id, item.pk))


def on_page_published(sender, instance, **kwargs):
    renditions_after_publishing(instance)

"""Search indexing during an import: once per object, at the end.

modelsearch re-indexes an object on every save, and an import saves each
page several times (created, revised, published, translated). Indexing
costs far more than saving here (Chinese word segmentation and stemming),
so while the import runs the per-save handler is swapped for one that only
notes what was saved; each noted object is then indexed once, through the
same task modelsearch uses (in the background where TASKS has a worker).

Signal receivers are process-wide: this is for management commands, not for
code running inside a web server.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save


class SavedObjects:
    def __init__(self):
        self.keys = {}

    def __call__(self, sender, instance, raw=False, **kwargs):
        if not raw:
            self.keys[(instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = None

    def index(self):
        from modelsearch.tasks import insert_or_update_object_task

        for app_label, model_name, pk in self.keys:
            insert_or_update_object_task.enqueue(app_label, model_name, pk)
        self.keys = {}


@contextmanager
def deferred_search_indexing():
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    saved = SavedObjects()
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(saved, sender=model, weak=False)
    try:
        yield saved
    finally:
        for model in models:
            post_save.disconnect(saved, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)

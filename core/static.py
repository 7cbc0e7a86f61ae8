"""Static files' addresses, worked out once per process."""

from django.conf import settings
from django.contrib.staticfiles import storage


class ManifestStaticFilesStorage(storage.ManifestStaticFilesStorage):
    """Django's, with each file's URL kept once worked out. The manifest of
    hashed names is read when the storage is made (once per process), so a
    file's URL cannot change while the process lives; Django worked it out
    again (the manifest look-up, quoting, joining) for every `{% static %}`,
    five or six a page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # DEBUG: Django serves the unhashed name, as its own storage does
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url

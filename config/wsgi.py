import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# A serving process loads the Chinese tokenizer's dictionary (about 0.6 s)
# before its first request rather than during a visitor's search: gunicorn
# replaces each worker every ~2,000 requests (deploy/gunicorn.conf.py).
# Commands and tests load it only when they segment text.
from search.text import segmenter  # noqa: E402 (needs the apps loaded above)

segmenter()

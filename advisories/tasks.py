"""Background work (django-tasks): advisory e-mails to subscribers."""

from django_tasks import task

from advisories.mailing import deliver


@task()
def deliver_mailing(mailing_id):
    """Send an advisory to its subscribers; failed sends are retried by core.mail."""
    return dict(deliver(mailing_id))

"""manage.py process_search_outbox: send the waiting search index updates.

The task worker does this on its own after every change and retries while
updates wait (search/outbox.py); this command, scheduled
every few minutes, catches anything left behind (a worker that was down, a
task backend that cannot delay a retry). It fails (exit status 1) while the
search backend refuses updates, so the scheduler shows the outage.

    manage.py process_search_outbox          # the updates whose back-off has passed
    manage.py process_search_outbox --all    # every waiting update now (after an outage)
"""

from django.core.management.base import BaseCommand, CommandError

from search import outbox


class Command(BaseCommand):
    help = "Send the waiting search index updates to the search backend."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Ignore the back-off: try every waiting update now.")

    def handle(self, *args, **options):
        outcome = outbox.process_all(due_only=not options["all"])
        backlog = outbox.backlog()
        self.stdout.write(f"{outcome.done} sent, {backlog['count']} waiting (oldest from {backlog['oldest'] or '-'})")
        if outcome.failed:
            raise CommandError(
                f"{outcome.failed} update(s) not accepted by the search backend ({outcome.error}); they are retried"
            )

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.demo.day import add_demo_activity
from core.demo.site import build_demo_site
from interchange.demo import import_demo_content
from interchange.validation import BundleError

DEMO_ADMIN = ("admin", "demo-admin-2026")


class Command(BaseCommand):
    help = "Load the bilingual demo content. Safe to run again: it changes nothing the second time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=f"also create the demo superuser '{DEMO_ADMIN[0]}' (password '{DEMO_ADMIN[1]}'): development only",
        )

    def handle(self, *args, **options):
        # The structure setup_site creates, then the demo's own details, pages and entries.
        for line in build_demo_site():
            self.stdout.write(f"  {line}")
        # The demo pages, entries, policies and navigator rules (core/demo/content/*.json):
        # through the content importer, like any imported content.
        try:
            for line in import_demo_content():
                self.stdout.write(f"  {line}")
        except BundleError as error:
            raise CommandError("the demo content was not imported:\n" + "\n".join(map(str, error.problems))) from error
        # What the bundle format cannot carry: the demo site's day (core/demo/day.py).
        for line in add_demo_activity():
            self.stdout.write(f"  {line}")
        if options["admin"]:
            User = get_user_model()
            if not User.objects.filter(username=DEMO_ADMIN[0]).exists():
                User.objects.create_superuser(DEMO_ADMIN[0], "admin@example.org", DEMO_ADMIN[1])
                self.stdout.write(f"  created the demo superuser {DEMO_ADMIN[0]}")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

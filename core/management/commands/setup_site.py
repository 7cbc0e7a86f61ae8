import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.site_structure import SetupError, set_up_site, site_address


class Command(BaseCommand):
    help = (
        "Create the site's structure for a first install: the home page, the section and information pages in "
        "every language, the centre details, the site settings and the default Site record. No demo content and "
        "no account. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="the site's public address, e.g. https://invest.example.org, written into the default Site "
            "record (default: the SITE_BASE_URL setting)",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="ask nothing (also the case whenever there is no terminal)",
        )

    def handle(self, *args, base_url=None, interactive=True, **options):
        base_url = base_url or settings.SITE_BASE_URL
        if interactive and sys.stdin.isatty():
            base_url = self._ask_base_url(base_url)
        try:
            report = set_up_site(base_url)
        except SetupError as error:
            raise CommandError(str(error)) from error
        for line in report:
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("The site structure is in place." if report else "Nothing to do."))

    def _ask_base_url(self, default):
        while True:
            answer = input(f"The site's public address [{default}]: ").strip() or default
            try:
                site_address(answer)
            except SetupError as error:
                self.stderr.write(str(error))
                continue
            return answer

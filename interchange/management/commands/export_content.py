import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from interchange.exporter import export_bundle
from interchange.images import write_images
from interchange.language import command_language
from interchange.validation import LISTS, validate_bundle


class Command(BaseCommand):
    help = (
        "Write the live site's guides, advisories, events and listed directory entries, with their "
        "translations, as a content bundle (the format import_content reads)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the bundle; - for stdout")
        parser.add_argument("--list", action="append", choices=LISTS, dest="lists", help="only this list (repeatable)")
        parser.add_argument(
            "--language", help="language of the messages (zh-hans or en); default: from LANGUAGE/LC_ALL/LANG"
        )

    def handle(self, *args, **options):
        with command_language(options["language"]):
            started = time.monotonic()
            bundle = export_bundle(options["lists"] or LISTS)
            # Images go into images/ beside the bundle file (none to standard output).
            folder = None if options["file"] == "-" else Path(options["file"]).parent
            write_images(bundle, folder)
            text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
            self._write(options["file"], text)
            # Content edited in the admin can break rules the admin does not
            # enforce (a heading too long for the format …): say so, as
            # import_content would refuse that bundle.
            for problem in validate_bundle(bundle, base_dir=folder):
                self.stderr.write(self.style.WARNING(str(problem)))
            counts = ", ".join(f"{name}: {len(bundle[name])}" for name in LISTS if name in bundle)
            if options["file"] != "-":
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Exported %(counts)s in %(seconds).1f s.")
                        % {"counts": counts, "seconds": time.monotonic() - started}
                    )
                )

    def _write(self, name, text):
        if name == "-":
            sys.stdout.write(text)
            return
        try:
            Path(name).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("cannot write %(file)s: %(reason)s") % {"file": name, "reason": error.strerror}
            ) from error

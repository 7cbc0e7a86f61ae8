import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from interchange.importer import CREATED, HELD_BACK, UNCHANGED, UPDATED, import_bundle
from interchange.language import command_language
from interchange.validation import LISTS, BundleError, load_bundle


class Command(BaseCommand):
    help = (
        "Import a content bundle (guides, advisories, events, directory entries with their translations). "
        "The whole file is validated first; nothing is written unless all of it is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bundle, a JSON file in the format outbound-content/1; - for stdin")
        parser.add_argument("--draft", action="store_true", help="save pages as drafts instead of publishing them")
        parser.add_argument("--dry-run", action="store_true", help="do everything, then roll it all back")
        parser.add_argument("--user", help="username to record as the author of the new revisions")
        parser.add_argument(
            "--send-alerts",
            action="store_true",
            help="e-mail subscribers about advisories published for the first time (off: a bulk import mails nobody)",
        )
        parser.add_argument(
            "--language", help="language of the messages (zh-hans or en); default: from LANGUAGE/LC_ALL/LANG"
        )

    def handle(self, *args, **options):
        with command_language(options["language"]):
            return self._handle(options)

    def _handle(self, options):
        raw = self._read(options["file"])
        user = self._user(options["user"])
        try:
            data = load_bundle(raw, base_dir=None if options["file"] == "-" else Path(options["file"]).parent)
        except BundleError as error:
            self._fail(_("The bundle was not imported: nothing was written."), error.problems)

        progress = ProgressBar(self.stderr) if self.stderr.isatty() else None
        result = import_bundle(
            data,
            draft=options["draft"],
            dry_run=options["dry_run"],
            user=user,
            progress=progress,
            send_alerts=options["send_alerts"],
        )
        if progress:
            progress.finish()
        if not result.ok:
            self._fail(_("The bundle was not imported: nothing was written."), result.problems)
        self._summary(data, result)

    def _read(self, name):
        if name == "-":
            return sys.stdin.buffer.read()
        path = Path(name)
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("cannot read %(file)s: %(reason)s") % {"file": name, "reason": error.strerror}
            ) from error

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(_("there is no user %(name)s") % {"name": username}) from None

    def _fail(self, headline, problems):
        for problem in problems:
            self.stderr.write(str(problem))
        raise CommandError(
            _("%(headline)s %(count)d problem(s).") % {"headline": headline, "count": len(problems)}, returncode=1
        )

    def _summary(self, data, result):
        labels = {CREATED: _("created"), UPDATED: _("updated"), UNCHANGED: _("unchanged"), HELD_BACK: _("held back")}
        for name in LISTS:
            counts = result.counts[name]
            if not data.get(name):
                continue
            parts = [f"{counts[outcome]} {labels[outcome]}" for outcome in (CREATED, UPDATED, UNCHANGED)]
            if counts[HELD_BACK]:
                parts.append(f"{counts[HELD_BACK]} {labels[HELD_BACK]}")
            self.stdout.write(f"{name}: {', '.join(parts)}")
        for note in result.notes:
            self.stdout.write(self.style.WARNING(str(note)))
        if result.dry_run:
            headline = _("Dry run: everything was rolled back, nothing was written.")
        elif result.draft:
            headline = _("Imported as drafts.")
        else:
            headline = _("Imported and published.")
        self.stdout.write(
            self.style.SUCCESS(
                _("%(headline)s Took %(seconds).1f s (CPU %(cpu).1f s).")
                % {"headline": headline, "seconds": result.elapsed, "cpu": result.cpu}
            )
        )


class ProgressBar:
    """One line on a terminal, redrawn in place: [#####.....] 31/62 guides/cambodia"""

    width = 30

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, done, total, label):
        filled = self.width * done // max(total, 1)
        line = f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {label}"
        self.stream.write(line[:100].ljust(100), ending="")
        self.stream.flush()

    def finish(self):
        self.stream.write("\r" + " " * 100 + "\r", ending="")
        self.stream.flush()

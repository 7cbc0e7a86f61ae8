"""Training events, seminars and matchmaking sessions, and registration for them.

Pages: `EventIndexPage` (upcoming events, archive, iCal feed at calendar/)
and `EventPage` (details, registration form, its .ics file at calendar/, the signed
registration link at registration/<token>/ to see or cancel a registration).

Seats are counted in attendees and never given twice: see `events.booking`.
Registrations are personal data: only the "Event managers" group
(`events.view_registration`, check-in with `events.change_registration`)
sees them, under Registrations in the admin, with CSV and XLSX exports.

Settings:

- EVENTS_REGISTRATION_RATE (default "10/h"): registrations accepted per
  client IP address (django-ratelimit, counted in the default cache).
- EVENTS_REGISTRATION_RETENTION_DAYS (default 180): days after an event's
  end after which its registrants' personal data is anonymised.

Scheduling the retention purge: run once a day, for example from cron

    15 3 * * *  cd /srv/outbound && .venv/bin/python manage.py purge_registrations

or from a systemd timer (OnCalendar=*-*-* 03:15). It is idempotent and only
touches registrations of events that ended more than N days ago
(`--days N` overrides the setting, `--dry-run` reports without changing).

E-mails are sent by core.mail (recorded, retried with back-off) from
django-tasks: in production the database backend needs a worker running
(`python manage.py db_worker`).
"""

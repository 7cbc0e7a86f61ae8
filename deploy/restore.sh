#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and an
# EMPTY media folder (those of the environment file; OUTBOUND_ENV names
# another one). Refuses to write over anything.
#   sudo -u outbound /srv/outbound/app/deploy/restore.sh /var/backups/outbound/outbound-20260101T030000Z
# Then: deploy/manage.sh migrate (if the code is newer than the backup),
# deploy/manage.sh collectstatic --no-input, start the units,
# deploy/manage.sh update_index (the search index is not in the backup).
set -euo pipefail
APP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/env.sh
. "$APP/deploy/env.sh"
[ $# -eq 1 ] || { echo "usage: $0 BACKUP_FOLDER" >&2; exit 2; }
SRC="$1"
[ -f "$SRC/database.dump" ] && [ -f "$SRC/media.tar.gz" ] || { echo "$SRC holds no database.dump and media.tar.gz" >&2; exit 1; }
tables="$(psql --dbname="$DATABASE_URL" --no-psqlrc --tuples-only --no-align \
  --command="select count(*) from pg_tables where schemaname = 'public'")"
[ "$tables" = 0 ] || { echo "the database of DATABASE_URL is not empty ($tables tables): restore into a new one" >&2; exit 1; }
mkdir -p "$MEDIA_ROOT"
[ -z "$(ls -A "$MEDIA_ROOT")" ] || { echo "$MEDIA_ROOT is not empty: restore into an empty folder" >&2; exit 1; }
pg_restore --exit-on-error --no-owner --no-privileges --single-transaction --dbname="$DATABASE_URL" "$SRC/database.dump"
tar --extract --gzip --file="$SRC/media.tar.gz" --directory="$MEDIA_ROOT"
echo "restored $SRC"

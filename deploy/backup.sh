#!/usr/bin/env bash
# Back up the database (pg_dump, custom format) and the media folder (tar)
# into a new folder named by the time, under the given folder:
#   sudo -u outbound /srv/outbound/app/deploy/backup.sh /var/backups/outbound
# Prints the new folder. Static files are not backed up: collectstatic
# rebuilds them from the code. Reads DATABASE_URL and MEDIA_ROOT from the
# environment file (OUTBOUND_ENV, default /etc/outbound/outbound.env).
set -euo pipefail
APP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/env.sh
. "$APP/deploy/env.sh"
[ $# -eq 1 ] || { echo "usage: $0 BACKUP_FOLDER" >&2; exit 2; }
DEST="$1/outbound-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$DEST"
# The dump is consistent on its own (one snapshot); a media file uploaded
# during the backup may be missing from the tar, never half-written in the dump.
pg_dump --format=custom --no-owner --no-privileges --file="$DEST/database.dump" --dbname="$DATABASE_URL"
tar --create --gzip --file="$DEST/media.tar.gz" --directory="$MEDIA_ROOT" .
echo "$DEST"

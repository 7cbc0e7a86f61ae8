#!/usr/bin/env bash
# Run a manage.py command with the site's environment file, as the units do:
#   sudo -u outbound /srv/outbound/app/deploy/manage.sh migrate --no-input
# OUTBOUND_ENV names another environment file (default /etc/outbound/outbound.env).
set -euo pipefail
APP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/env.sh
. "$APP/deploy/env.sh"
cd "$APP"
exec "$APP/.venv/bin/python" manage.py "$@"

# Sourced by deploy/manage.sh, backup.sh and restore.sh: exports every
# KEY=value line of the environment file the way systemd's EnvironmentFile
# reads it (no quotes, no shell expansion; # starts a comment line).
OUTBOUND_ENV="${OUTBOUND_ENV:-/etc/outbound/outbound.env}"
if [ ! -r "$OUTBOUND_ENV" ]; then
  echo "cannot read the environment file $OUTBOUND_ENV (set OUTBOUND_ENV)" >&2
  exit 1
fi
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  export "${line%%=*}=${line#*=}"
done <"$OUTBOUND_ENV"

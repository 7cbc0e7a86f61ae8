#!/usr/bin/env bash
# The production set-up of deploy/ on loopback, for tests/topology (and for
# trying it on one machine): nginx with TLS in front of two gunicorn app
# servers with config.settings.production, one task worker, a private Redis,
# a database on an existing PostgreSQL server and an existing OpenSearch node.
#
# It runs deploy/'s own files: the nginx site, the systemd units' ExecStart
# lines, outbound.env.example, manage.sh, backup.sh, restore.sh, with only
# ports, paths and host names substituted (render_* below), and the first
# install is the README's ("Deployment").
#
#   deploy/topology.sh up          # build (first install) and start everything
#   deploy/topology.sh down        # stop what `up` started
#   deploy/topology.sh stop-app N | start-app N [ENV_FILE]   (N = 1, 2; 3+ for extra servers)
#   deploy/topology.sh stop-worker | start-worker | stop-redis | start-redis | stop-nginx | start-nginx
#   deploy/topology.sh stop-search | start-search             (the OpenSearch node: tools/opensearch-node)
#   deploy/topology.sh job NAME    # one scheduled job, as its unit outbound-NAME.service runs it
#   deploy/topology.sh manage ARGS # deploy/manage.sh with the topology's environment file
#
# Environment for `up` (saved in $TOPOLOGY_DIR/topology.conf for the other commands):
#   TOPOLOGY_DIR      everything lives here (required)
#   TOPOLOGY_PG_URL   a PostgreSQL server, postgres://user@host:port (required); databases
#                     outbound_topology and outbound_restored are created on it, emptied first
#   OPENSEARCH_PORT, OPENSEARCH_VAR_DIR   the running node's (tools/opensearch-node)
#   TOPOLOGY_PORT     nginx's HTTPS port (default 8090); app server N listens on TOPOLOGY_PORT+N,
#                     plain HTTP (redirecting) on TOPOLOGY_PORT+10
#   TOPOLOGY_REDIS_PORT  (default 6390)
#   TOPOLOGY_BUNDLE   the content bundle to import (default ../shared/content/sample-bundle.json)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="$ROOT/deploy"
T="${TOPOLOGY_DIR:?set TOPOLOGY_DIR}"
CONF="$T/topology.conf"

log() { printf 'topology: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

load_conf() {
  [ -f "$CONF" ] || die "no topology in $T (run: $0 up)"
  # shellcheck disable=SC1090
  . "$CONF"
}

# ------------------------------------------------------------ rendering deploy/'s files
# A unit's ExecStart with the production paths pointed at this checkout.
unit_command() { # unit-file [instance]
  local line
  line="$(sed -n 's/^ExecStart=//p' "$DEPLOY/systemd/$1")"
  [ -n "$line" ] || die "no ExecStart in deploy/systemd/$1"
  line="${line//\/srv\/outbound\/app/$ROOT}"
  echo "${line//%i/${2:-}}"
}

render_env() { # the example environment file with the topology's values
  local out="$T/outbound.env"
  local -A values=(
    [SECRET_KEY]="$(openssl rand -hex 32)"
    [ALLOWED_HOSTS]="127.0.0.1,[::1],localhost"
    [CSRF_TRUSTED_ORIGINS]="https://127.0.0.1:$NGINX_PORT"
    [SITE_BASE_URL]="https://127.0.0.1:$NGINX_PORT"
    [DATABASE_URL]="$DATABASE_URL"
    [REDIS_URL]="redis://127.0.0.1:$REDIS_PORT/0"
    [SEARCH_URL]="http://127.0.0.1:$OPENSEARCH_PORT"
    [SEARCH_INDEX_PREFIX]="topology_"
    [EMAIL_URL]="consolemail://"
    [DEFAULT_FROM_EMAIL]="noreply@example.org"
    [STATIC_ROOT]="$T/static"
    [MEDIA_ROOT]="$T/media"
  )
  local line key
  : >"$out"
  while IFS= read -r line || [ -n "$line" ]; do
    key="${line%%=*}"
    if [[ "$line" != '#'* && "$line" == *=* && -v "values[$key]" ]]; then
      line="$key=${values[$key]}"
    fi
    printf '%s\n' "$line" >>"$out"
  done <"$DEPLOY/outbound.env.example"
  # Two small app servers side by side on a CI machine; a patient search client (a busy CI machine),
  # and the outbox's back-off short, so the outage test waits little.
  printf 'GUNICORN_WORKERS=2\nSEARCH_TIMEOUT=10\nSEARCH_OUTBOX_RETRY_SECONDS=3\nSEARCH_OUTBOX_MAX_RETRY_SECONDS=10\n' >>"$out"
  grep -v "^#" "$out" | grep -q CHANGE-ME && die "outbound.env.example has a CHANGE-ME the topology does not fill: $(grep CHANGE-ME "$out")"
  chmod 600 "$out"
}

render_nginx() {
  local site="$T/nginx/outbound.conf"
  # IPv4 and IPv6, as in production: the loopback address of each.
  sed -e "s#listen 443 ssl http2;#listen 127.0.0.1:$NGINX_PORT ssl http2;#" \
    -e "s#listen \[::\]:443 ssl http2;#listen [::1]:$NGINX_PORT ssl http2;#" \
    -e "s#listen 80;#listen 127.0.0.1:$NGINX_HTTP_PORT;#" \
    -e "s#listen \[::\]:80;#listen [::1]:$NGINX_HTTP_PORT;#" \
    -e "s#server 127.0.0.1:8001 #server 127.0.0.1:$APP1_PORT #" \
    -e "s#server 127.0.0.1:8002 #server 127.0.0.1:$APP2_PORT #" \
    -e "s#outbound.example.org;#127.0.0.1;#" \
    -e "s#/etc/letsencrypt/live/outbound.example.org/#$T/tls/#g" \
    -e "s#/var/log/nginx/#$T/logs/nginx-#g" \
    -e "s#/srv/outbound/#$T/#g" \
    -e "s#/var/www/html#$T/acme#" \
    "$DEPLOY/nginx/outbound.conf" >"$site"
  if grep -vE '^\s*#' "$site" | grep -E '/srv/|/etc/|/var/|example\.org|:800[12] |listen (80|443|\[::\])'; then
    die "deploy/nginx/outbound.conf changed: the lines above were not substituted"
  fi
  # Debian's nginx.conf minus what needs root: everything under $T.
  cat >"$T/nginx/nginx.conf" <<EOF
$([ "$(id -u)" = 0 ] && echo "user www-data;")
worker_processes 2;
pid $T/run/nginx.pid;
error_log $T/logs/nginx-main.error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $T/nginx/tmp/body;
    proxy_temp_path $T/nginx/tmp/proxy;
    fastcgi_temp_path $T/nginx/tmp/fastcgi;
    uwsgi_temp_path $T/nginx/tmp/uwsgi;
    scgi_temp_path $T/nginx/tmp/scgi;
    access_log $T/logs/nginx-main.access.log;
    include $site;
}
EOF
}

make_certificate() { # self-signed, for 127.0.0.1 and ::1; the tests trust exactly this one
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost" \
    -keyout "$T/tls/privkey.pem" -out "$T/tls/fullchain.pem" 2>/dev/null
}

# ------------------------------------------------------------ processes
pid_alive() { [ -f "$T/run/$1.pid" ] && kill -0 "$(cat "$T/run/$1.pid")" 2>/dev/null; }

start_process() { # name env-file command...
  local name="$1" env_file="$2"
  shift 2
  pid_alive "$name" && { log "$name already running"; return 0; }
  (
    set -f # `--queue-name=*` is an argument, not a pattern
    OUTBOUND_ENV="$env_file"
    # shellcheck source=deploy/env.sh
    . "$DEPLOY/env.sh"
    cd "$ROOT"
    # shellcheck disable=SC2068
    exec setsid $@ </dev/null >>"$T/logs/$name.log" 2>&1
  ) &
  echo $! >"$T/run/$name.pid"
}

run_job() { # name: in the foreground, its exit status is ours
  local command
  command="$(unit_command "outbound-$1.service")"
  (
    set -f
    OUTBOUND_ENV="$T/outbound.env"
    # shellcheck source=deploy/env.sh
    . "$DEPLOY/env.sh"
    cd "$ROOT"
    # shellcheck disable=SC2086
    exec $command
  )
}

stop_process() { # name
  pid_alive "$1" || { rm -f "$T/run/$1.pid"; return 0; }
  local pid
  pid="$(cat "$T/run/$1.pid")"
  kill -TERM "$pid"
  for _ in $(seq 1 80); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$T/run/$1.pid"; log "stopped $1"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$T/run/$1.pid"
  log "killed $1 (no exit within 40 s)"
}

wait_http() { # url what [extra curl args...]
  local url="$1" what="$2"
  shift 2
  for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url")" != 000 ]; then return 0; fi
    sleep 0.5
  done
  die "$what did not answer at $url within 60 s (logs in $T/logs)"
}

app_port() { echo $((NGINX_PORT + $1)); }

start_app() { # N [env-file]
  local port
  port="$(app_port "$1")"
  start_process "app-$1" "${2:-$T/outbound.env}" "$(unit_command 'outbound-app@.service' "$port")"
  wait_http "http://127.0.0.1:$port/" "app server $1" -H "X-Forwarded-Proto: https"
  log "app server $1 on 127.0.0.1:$port"
}

start_worker() { start_process worker "$T/outbound.env" "$(unit_command outbound-worker.service)"; }

start_redis() {
  pid_alive redis && return 0
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$T/redis" \
    --daemonize yes --pidfile "$T/run/redis.pid" --logfile "$T/logs/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.2
  done
  die "redis did not start (log $T/logs/redis.log)"
}

start_nginx() {
  pid_alive nginx && return 0
  render_nginx
  nginx -t -q -c "$T/nginx/nginx.conf" -e "$T/logs/nginx-main.error.log"
  nginx -c "$T/nginx/nginx.conf" -e "$T/logs/nginx-main.error.log"
  wait_http "https://127.0.0.1:$NGINX_PORT/" nginx --cacert "$T/tls/fullchain.pem"
}

stop_nginx() {
  pid_alive nginx || return 0
  nginx -c "$T/nginx/nginx.conf" -e "$T/logs/nginx-main.error.log" -s quit
  for _ in $(seq 1 40); do pid_alive nginx || return 0; sleep 0.25; done
}

search_node() { OPENSEARCH_PORT="$OPENSEARCH_PORT" OPENSEARCH_VAR_DIR="$OPENSEARCH_VAR_DIR" "$ROOT/tools/opensearch-node/opensearch-node.sh" "$@"; }

manage() { OUTBOUND_ENV="$T/outbound.env" "$DEPLOY/manage.sh" "$@"; }

psql_server() { psql --no-psqlrc --quiet --dbname="$PG_SERVER/postgres" "$@"; }

fresh_database() { # name
  psql_server --command="drop database if exists $1 with (force)" --command="create database $1" >/dev/null
}

# ------------------------------------------------------------ first install (README: Deployment)
first_install() {
  local bundle="$BUNDLE"
  fresh_database outbound_topology
  manage migrate --no-input -v0
  manage setup_site --no-input
  manage import_content "$bundle"
  manage collectstatic --no-input -v0
  DJANGO_SUPERUSER_PASSWORD="$ADMIN_PASSWORD" manage createsuperuser --no-input \
    --username "$ADMIN_USER" --email admin@example.org
  manage update_index
}

up() {
  mkdir -p "$T"/{run,logs,tls,nginx/tmp,redis,static,media,acme,backups}
  local port="${TOPOLOGY_PORT:-8090}" pg="${TOPOLOGY_PG_URL:?set TOPOLOGY_PG_URL=postgres://user@host:port}"
  local bundle="${TOPOLOGY_BUNDLE:-$ROOT/../shared/content/sample-bundle.json}"
  [ -f "$bundle" ] || die "no content bundle at $bundle (set TOPOLOGY_BUNDLE)"
  cat >"$CONF" <<EOF
NGINX_PORT=$port
NGINX_HTTP_PORT=$((port + 10))
APP1_PORT=$((port + 1))
APP2_PORT=$((port + 2))
REDIS_PORT=${TOPOLOGY_REDIS_PORT:-6390}
OPENSEARCH_PORT=${OPENSEARCH_PORT:-9201}
OPENSEARCH_VAR_DIR=${OPENSEARCH_VAR_DIR:-$ROOT/tools/opensearch-node/var}
PG_SERVER=${pg%/}
DATABASE_URL=${pg%/}/outbound_topology
ADMIN_USER=topology-admin
ADMIN_PASSWORD=$(openssl rand -hex 16)
TOPOLOGY_URL=https://127.0.0.1:$port
TOPOLOGY_URL_IPV6=https://[::1]:$port
TOPOLOGY_CA=$T/tls/fullchain.pem
BUNDLE=$(realpath "$bundle")
EOF
  load_conf
  make_certificate
  render_env
  search_node status >/dev/null || die "no OpenSearch node on port $OPENSEARCH_PORT"
  start_redis
  first_install
  start_app 1
  start_app 2
  start_worker
  start_nginx
  log "up: $TOPOLOGY_URL (state and logs in $T)"
}

down() {
  [ -f "$CONF" ] || return 0
  load_conf
  stop_nginx
  for pidfile in "$T"/run/app-*.pid; do
    [ -e "$pidfile" ] && stop_process "$(basename "$pidfile" .pid)"
  done
  stop_process worker
  [ -f "$T/run/redis.pid" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -f "$T/run/redis.pid"
  search_node status >/dev/null 2>&1 || search_node start || true # as we found it
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  stop-app) load_conf; stop_process "app-${2:?N}" ;;
  start-app) load_conf; start_app "${2:?N}" "${3:-}" ;;
  stop-nginx) load_conf; stop_nginx ;;
  start-nginx) load_conf; start_nginx ;;
  stop-worker) load_conf; stop_process worker ;;
  start-worker) load_conf; start_worker ;;
  stop-redis) load_conf; redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; rm -f "$T/run/redis.pid" ;;
  start-redis) load_conf; start_redis ;;
  stop-search) load_conf; search_node stop ;;
  start-search) load_conf; search_node start ;;
  job) load_conf; run_job "${2:?NAME}" ;;
  manage) load_conf; shift; manage "$@" ;;
  *) sed -n '2,30p' "$0" >&2; exit 2 ;;
esac

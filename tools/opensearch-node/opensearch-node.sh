#!/usr/bin/env bash
# Local single-node OpenSearch 2.19 (no Docker): start | stop | status | restart | build
#
# Environment (all optional):
#   OPENSEARCH_PORT        HTTP port on 127.0.0.1            (default 9201)
#   OPENSEARCH_VAR_DIR    data + pid + log directory        (default <this dir>/var)
#   OPENSEARCH_JAVA_OPTS   JVM options                       (default -Xms512m -Xmx1g)
#   OPENSEARCH_JAVA_HOME   JDK to run with (else JAVA_HOME, else `java` on PATH)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for health     (default 120)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${OPENSEARCH_PORT:-9201}"
VAR="${OPENSEARCH_VAR_DIR:-$HERE/var}"
PID_FILE="$VAR/opensearch-$PORT.pid"
LOG_FILE="$VAR/opensearch-$PORT.log"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
JAR="$HERE/target/opensearch-node-1.0.0.jar"
URL="http://127.0.0.1:$PORT"

log() { echo "opensearch-node: $*" >&2; }

java_bin() {
  local h="${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
  if [ -n "$h" ]; then echo "$h/bin/java"; else command -v java; fi
}

running_pid() {
  # prints the pid if the pid file names a live LocalNode process
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'local.opensearch.LocalNode' || return 1
  echo "$pid"
}

healthy() {
  curl -s --max-time 3 "$URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

needs_build() {
  [ -f "$JAR" ] && [ -d "$HERE/target/lib" ] || return 0
  [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -type f 2>/dev/null | head -1)" ]
}

build() {
  log "building (mvn -q -B -Dstyle.color=never package) ..."
  # Maven 3.8 prints stray ANSI resets even with -B -q; strip them (pipefail keeps mvn's status)
  (cd "$HERE" && mvn -q -B -Dstyle.color=never package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
}

start() {
  local pid
  if pid="$(running_pid)"; then
    if healthy; then log "already running (pid $pid) on $URL"; return 0; fi
    log "process $pid is running but not healthy yet; waiting"
  else
    if curl -s --max-time 2 -o /dev/null "$URL/" 2>/dev/null; then
      log "port $PORT already answers HTTP but is not ours (no live pid in $PID_FILE)"; return 1
    fi
    needs_build && build
    mkdir -p "$VAR"
    local java; java="$(java_bin)"
    local major; major="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    local opts="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}"
    # same flags the OpenSearch distribution's jvm.options sets (COMPAT exists up to Java 22)
    opts="$opts -XX:+UseG1GC -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Djna.nosys=true
          -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
          -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0"
    if [ "${major%%.*}" -le 22 ] 2>/dev/null; then opts="$opts -Djava.locale.providers=SPI,COMPAT"; fi
    # shellcheck disable=SC2086
    nohup "$java" $opts -cp "$JAR:$HERE/target/lib/*" local.opensearch.LocalNode "$PORT" "$VAR/node-$PORT" \
      </dev/null >"$LOG_FILE" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started pid $pid, log $LOG_FILE; waiting up to ${TIMEOUT}s for $URL"
  fi
  local t0=$SECONDS
  while (( SECONDS - t0 < TIMEOUT )); do
    if healthy && grep -q 'OpenSearch local node started' "$LOG_FILE" 2>/dev/null; then log "up after $((SECONDS - t0))s: $(curl -s "$URL/_cluster/health")"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited; last log lines:"; tail -n 40 "$LOG_FILE" >&2; rm -f "$PID_FILE"; return 1
    fi
    sleep 1
  done
  log "not healthy after ${TIMEOUT}s; last log lines:"; tail -n 40 "$LOG_FILE" >&2
  return 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$PID_FILE"; return 0; fi
  kill -TERM "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped (pid $pid)"; return 0; }
    sleep 1
  done
  log "pid $pid still alive after 30s, sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running: pid $pid, $URL, log $LOG_FILE"
    curl -s --max-time 3 "$URL/_cluster/health" || true; echo
    return 0
  fi
  echo "not running ($URL)"; return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  build) build ;;
  *) echo "usage: $0 {start|stop|status|restart|build}" >&2; exit 2 ;;
esac

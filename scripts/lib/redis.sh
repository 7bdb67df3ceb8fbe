# shellcheck shell=bash
# A private, throwaway Redis server for tests, benchmarks and local clusters.
# Source it; don't run it.
#
#   redis_ensure_installed   install Debian's `redis-server` when missing
#   redis_start              start our own server (no persistence), or reuse the
#                            one a previous run left up; sets REDIS_PORT,
#                            REDIS_STARTED_HERE and exports SWITCHBOARD_TEST_REDIS
#   redis_stop               stop our server
#
# Knobs: SWITCHBOARD_REDIS_PORT (first port tried, default 56379; the next free
# one is used when something else holds it).
#
# The Debian package may start its own service on 6379; we leave it alone.

[[ -n "${SB_REDIS_SH_LOADED:-}" ]] && return 0
SB_REDIS_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

REDIS_PORT_FIRST="${SWITCHBOARD_REDIS_PORT:-56379}"
REDIS_DIR="${REDIS_DIR:-$SB_TMP/redis}"   # pid file, port file, log
REDIS_PORT=""
REDIS_STARTED_HERE=0

redis_server_bin() {
    command -v redis-server 2>/dev/null || { [[ -x /usr/bin/redis-server ]] && echo /usr/bin/redis-server; }
}

redis_ensure_installed() {
    redis_server_bin >/dev/null && return 0
    local t0; t0=$(sb_now)
    sb_log "Installing Redis (apt-get install redis-server; may take a minute on a fresh machine)"
    sb_apt_install redis-server || return 1
    if ! redis_server_bin >/dev/null; then
        sb_err "redis-server installed but not found on PATH"
        return 1
    fi
    sb_log "Redis installed in $(( $(sb_now) - t0 ))s"
}

# True when a Redis answers PING on 127.0.0.1:$1. Plain RESP over bash's
# /dev/tcp, so redis-cli isn't needed.
redis_ping() {
    local reply=""
    (
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf 'PING\r\n' >&3
        IFS= read -r -t 2 reply <&3 || exit 1
        [[ "$reply" == +PONG* ]]
    ) 2>/dev/null
}

# Pid of our server when it is up (pid alive, is redis-server, answers on its port).
redis_running_pid() {
    local pid port
    pid="$(cat "$REDIS_DIR/redis.pid" 2>/dev/null)" || return 1
    port="$(cat "$REDIS_DIR/port" 2>/dev/null)" || return 1
    [[ -n "$pid" && -n "$port" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled pid belonging to something else.
    grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null || return 1
    redis_ping "$port" || return 1
    echo "$pid"
}

redis_start() {
    redis_ensure_installed || return 1
    mkdir -p "$REDIS_DIR"
    if redis_running_pid >/dev/null; then
        REDIS_PORT="$(cat "$REDIS_DIR/port")"
        REDIS_STARTED_HERE=0
        sb_log "Reusing Redis already running on 127.0.0.1:$REDIS_PORT"
    else
        REDIS_PORT="$(sb_free_port "$REDIS_PORT_FIRST")" || return 1
        sb_log "Starting Redis on 127.0.0.1:$REDIS_PORT"
        rm -f "$REDIS_DIR/redis.pid"
        # No persistence: test data is throwaway and disk writes only slow it down.
        if ! "$(redis_server_bin)" --port "$REDIS_PORT" --bind 127.0.0.1 \
                --save '' --appendonly no --daemonize yes \
                --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" \
                --logfile "$REDIS_DIR/redis.log"; then
            sb_err "redis-server did not start (log: $REDIS_DIR/redis.log)"
            return 1
        fi
        echo "$REDIS_PORT" > "$REDIS_DIR/port"
        local i
        for ((i = 0; i < 50; i++)); do
            redis_ping "$REDIS_PORT" && break
            sleep 0.2
        done
        if ! redis_ping "$REDIS_PORT"; then
            tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
            sb_err "Redis on 127.0.0.1:$REDIS_PORT does not answer (log: $REDIS_DIR/redis.log)"
            return 1
        fi
        REDIS_STARTED_HERE=1
    fi
    SWITCHBOARD_TEST_REDIS="127.0.0.1:$REDIS_PORT"
    export SWITCHBOARD_TEST_REDIS
}

redis_stop() {
    local pid i
    pid="$(redis_running_pid)" || return 0
    sb_log "Stopping Redis (127.0.0.1:$(cat "$REDIS_DIR/port"))"
    # SIGTERM = SHUTDOWN; with --save '' nothing is written.
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        sb_warn "Redis (pid $pid) ignored SIGTERM; killing it"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$REDIS_DIR/redis.pid"
}

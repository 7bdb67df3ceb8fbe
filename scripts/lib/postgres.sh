# shellcheck shell=bash
# A private, throwaway PostgreSQL server for tests, benchmarks and local
# clusters. Source it; don't run it.
#
#   pg_ensure_installed   install Debian's `postgresql` when no server binaries exist
#   pg_start              init (once) and start our own server, or reuse it when it
#                         is already running; sets PG_PORT, PG_STARTED_HERE (1 when
#                         this call started it) and exports SWITCHBOARD_TEST_PG
#   pg_stop               stop our server (the caller decides whether it should)
#   pg_conn_string [DB]   Npgsql connection string for our server
#
# Knobs: SWITCHBOARD_PG_PORT (first port tried, default 55432; the next free one
# is used when something else holds it); PG_ROOT set before sourcing: where the
# data goes instead of .tmp/pg (scripts/cluster, scripts/bench).
#
# It never touches the cluster Debian's package creates on 5432: ours lives in
# the repo's git-ignored .tmp/pg, tuned for speed, not durability. When the
# server's OS user cannot reach that folder (the clone sits under a 0700 folder,
# e.g. root's home or a `mktemp -d` one), the data goes to the same relative path
# in the clone's private folder under the system temp folder, ${TMPDIR:-/tmp}/
# switchboard-<hash of the clone's path> (see sb_private_tmp): one per clone, so
# two clones never share or stop each other's server.

[[ -n "${SB_POSTGRES_SH_LOADED:-}" ]] && return 0
SB_POSTGRES_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_PORT_FIRST="${SWITCHBOARD_PG_PORT:-55432}"
PG_BIN="${PG_BIN:-}"            # e.g. /usr/lib/postgresql/15/bin
PG_ROOT_WANTED="${PG_ROOT:-$SB_TMP/pg}"   # where the caller wants the data
PG_ROOT=""                      # where it is (pg_resolve_root): owned by the server's OS user; holds data/ and server.log
PG_DATA=""
PG_PORT=""
PG_STARTED_HERE=0
# initdb refuses to run as root, so as root the server runs as Debian's
# `postgres` user; as anyone else it runs as that user.
if [[ $EUID -eq 0 ]]; then PG_OS_USER="postgres"; else PG_OS_USER="$(id -un)"; fi

# Print the newest /usr/lib/postgresql/*/bin that has initdb.
pg_find_bin() {
    local dir
    # Plain glob order would put 10 before 9: sort by version.
    for dir in /usr/lib/postgresql/*/bin; do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; fi
    done | sort -V | tail -n 1 | grep .
}

pg_ensure_installed() {
    if [[ -z "$PG_BIN" ]]; then PG_BIN="$(pg_find_bin || true)"; fi
    [[ -n "$PG_BIN" ]] && return 0
    local t0; t0=$(sb_now)
    # The package's postinst creates and (where it can) starts a `main` cluster
    # on 5432. Harmless: we run our own server on another port.
    sb_log "Installing PostgreSQL server (apt-get install postgresql; takes a few minutes on a fresh machine)"
    sb_apt_install postgresql || return 1
    PG_BIN="$(pg_find_bin || true)"
    if [[ -z "$PG_BIN" ]]; then
        sb_err "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
        return 1
    fi
    sb_log "PostgreSQL installed ($PG_BIN) in $(( $(sb_now) - t0 ))s"
}

# As root the server runs as the `postgres` user that Debian's package creates.
pg_check_os_user() {
    id "$PG_OS_USER" >/dev/null 2>&1 && return 0
    sb_err "OS user $PG_OS_USER does not exist (is Debian's postgresql-common installed?)"
    return 1
}

# True when the server's OS user can enter $1's nearest existing folder (test -x
# as that user fails when any folder above is closed to it), so that $1, once
# created there and given to that user, is its own.
pg_user_can_reach() {
    local dir="$1"
    while [[ ! -e "$dir" ]]; do dir="$(dirname "$dir")"; done
    sb_as_user "$PG_OS_USER" test -x "$dir" 2>/dev/null
}

# Make $1 a 0700 folder of the server's OS user and check that user can work in it.
pg_prepare_root() {
    mkdir -p "$1" || return 1
    if [[ $EUID -eq 0 ]]; then chown "$PG_OS_USER:" "$1" || return 1; fi
    chmod 700 "$1" || return 1
    sb_as_user "$PG_OS_USER" test -w "$1" -a -x "$1" 2>/dev/null
}

# Choose PG_ROOT: PG_ROOT_WANTED (the repo's .tmp/pg unless the caller chose)
# when the server's OS user can reach and write it, else the same place in the
# clone's private temp folder. Nothing is created where that user cannot reach.
pg_resolve_root() {
    [[ -n "$PG_ROOT" ]] && return 0
    local root="$PG_ROOT_WANTED"
    if ! { pg_user_can_reach "$root" && pg_prepare_root "$root"; }; then
        root="$(sb_private_path_for "$PG_ROOT_WANTED")" || return 1
        sb_log "($PG_OS_USER cannot use $PG_ROOT_WANTED, e.g. a folder above it is closed to other users (0700): PostgreSQL data goes to $root)"
        if ! { sb_private_tmp_create >/dev/null && pg_prepare_root "$root"; }; then
            sb_err "$PG_OS_USER can write neither $PG_ROOT_WANTED nor $root, so PostgreSQL has nowhere to keep its data; set TMPDIR to a folder it can reach"
            return 1
        fi
    fi
    PG_ROOT="$root"
    PG_DATA="$PG_ROOT/data"
}

pg_ctl_() { sb_as_user "$PG_OS_USER" "$PG_BIN/pg_ctl" "$@"; }

# True when postmaster.pid names a live postgres process. (pg_ctl status only
# checks that the pid is alive, which a recycled pid after a reboot or a killed
# session also is.)
pg_pidfile_alive() {
    local pid
    pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
    # A killed server can linger as a zombie until something reaps it.
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]
}

# True when the server of our data directory is up.
pg_is_running() {
    [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] || return 1
    pg_pidfile_alive || return 1
    pg_ctl_ status -D "$PG_DATA" >/dev/null 2>&1
}

# Create the cluster once; later runs reuse it (tests create their own databases).
pg_init_datadir() {
    local major; major="$(basename "$(dirname "$PG_BIN")")"
    if [[ -f "$PG_DATA/PG_VERSION" ]]; then
        [[ "$(cat "$PG_DATA/PG_VERSION")" == "$major" ]] && return 0
        sb_warn "$PG_DATA was made by PostgreSQL $(cat "$PG_DATA/PG_VERSION"), binaries are $major: recreating it"
    fi
    # Anything else there is a half-made cluster from an interrupted run.
    rm -rf "$PG_DATA"
    sb_log "Initialising PostgreSQL $major data directory $PG_DATA"
    local pwfile="$PG_ROOT/pwfile" log="$PG_ROOT/initdb.log"
    echo postgres > "$pwfile"
    [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$pwfile"
    # trust on loopback (password is set too, so the connection string's
    # Password=postgres stays valid if someone switches to scram);
    # no locale: identical collation everywhere, no dependency on installed locales.
    if ! sb_as_user "$PG_OS_USER" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
            --auth=trust --pwfile="$pwfile" --no-locale --encoding=UTF8 >"$log" 2>&1; then
        cat "$log" >&2
        sb_err "initdb failed"
        return 1
    fi
    rm -f "$pwfile"
    # Appended, so these win over initdb's defaults. The port is not here: it is
    # chosen at each start (-p) in case the usual one is taken. TCP only: no unix
    # socket, so no /tmp/.s.PGSQL.*.lock that a killed server would leave behind
    # to block the next start (pg_ctl -w and everything here use TCP anyway).
    cat >> "$PG_DATA/postgresql.conf" <<'EOF'

# --- added by scripts/lib/postgres.sh: throwaway test server, speed over durability
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
EOF
}

pg_conn_string() {
    echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=${1:-postgres}"
}

# Wait until the server answers a real query over TCP (what the tests do).
pg_wait_ready() {
    local i
    for ((i = 0; i < 60; i++)); do
        if PGCONNECT_TIMEOUT=2 "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
                -X -tAq -c 'select 1' >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    sb_err "PostgreSQL on 127.0.0.1:$PG_PORT does not answer (log: $PG_ROOT/server.log)"
    return 1
}

pg_start() {
    pg_ensure_installed || return 1
    pg_check_os_user || return 1
    pg_resolve_root || return 1
    if pg_is_running; then
        # Line 4 of postmaster.pid is the port the server listens on.
        PG_PORT="$(sed -n 4p "$PG_DATA/postmaster.pid")"
        PG_STARTED_HERE=0
        sb_log "Reusing PostgreSQL already running on 127.0.0.1:$PG_PORT ($PG_DATA)"
    else
        pg_init_datadir || return 1
        # Left by a server that was killed (e.g. with the session that ran it);
        # the server would refuse to start if its pid now belongs to another process.
        pg_pidfile_alive || rm -f "$PG_DATA/postmaster.pid"
        PG_PORT="$(sb_free_port "$PG_PORT_FIRST")" || return 1
        sb_log "Starting PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DATA)"
        # -w: wait until it accepts connections.
        if ! pg_ctl_ start -D "$PG_DATA" -l "$PG_ROOT/server.log" -w -t 60 \
                -o "-p $PG_PORT" >/dev/null 2>&1; then
            tail -n 30 "$PG_ROOT/server.log" >&2 || true
            sb_err "PostgreSQL did not start (log: $PG_ROOT/server.log)"
            return 1
        fi
        PG_STARTED_HERE=1
    fi
    pg_wait_ready || return 1
    SWITCHBOARD_TEST_PG="$(pg_conn_string postgres)"
    export SWITCHBOARD_TEST_PG
}

pg_stop() {
    [[ -n "$PG_BIN" ]] || PG_BIN="$(pg_find_bin || true)"
    [[ -n "$PG_BIN" ]] || return 0
    pg_resolve_root || return 1
    pg_is_running || return 0
    sb_log "Stopping PostgreSQL ($PG_DATA)"
    # fast: roll back open transactions and disconnect clients rather than wait.
    pg_ctl_ stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null 2>&1 || {
        sb_warn "pg_ctl stop failed; sending immediate shutdown"
        pg_ctl_ stop -D "$PG_DATA" -m immediate -w -t 30 >/dev/null 2>&1
    }
}

# shellcheck shell=bash
# Shared helpers for scripts/* (test, cluster, bench). Source it; don't run it.
#
# Conventions:
#   - functions print progress on stdout ("==> ...") and problems on stderr;
#   - they return non-zero on failure instead of exiting, so the caller decides
#     (scripts run with `set -euo pipefail`, so a plain call still aborts).

[[ -n "${SB_COMMON_SH_LOADED:-}" ]] && return 0
SB_COMMON_SH_LOADED=1

SB_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Repository root = two levels above scripts/lib, whatever the caller's cwd is.
SB_ROOT="${SB_ROOT:-$(cd "$SB_LIB_DIR/../.." && pwd)}"
# Scratch space (git-ignored): PostgreSQL data, logs, test results.
SB_TMP="${SB_TMP:-$SB_ROOT/.tmp}"

sb_log()  { printf '==> %s\n' "$*"; }
sb_warn() { printf 'warning: %s\n' "$*" >&2; }
sb_err()  { printf 'error: %s\n' "$*" >&2; }

# Current time in whole seconds (for "took Ns" messages).
sb_now() { date +%s; }

# Run a command as root: directly when we are root, through sudo otherwise
# (a developer's laptop); CI and the dev machines run as root.
sb_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        sb_err "need root to run: $*"
        return 1
    fi
}

# Run a command as another OS user (e.g. postgres, since initdb refuses root).
# cd / first: initdb/pg_ctl fail with "could not identify current directory"
# when the caller's cwd (e.g. under /root) is not readable by that user.
sb_as_user() {
    local user="$1"; shift
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u "$user" -- "$@")
    elif [[ "$(id -un)" == "$user" ]]; then
        (cd / && "$@")
    else
        (cd / && sudo -u "$user" -- "$@")
    fi
}

# Install Debian packages. `apt-get update` runs at most once per script run
# (a brand-new machine has no package lists). Output goes to a log file and is
# only shown on failure: it is long and the caller already printed a progress line.
SB_APT_UPDATED=""
sb_apt_install() {
    local log="$SB_TMP/logs/apt.log"
    mkdir -p "$(dirname "$log")"
    # Wait for a dpkg lock held by e.g. unattended-upgrades instead of failing.
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q
               -o DPkg::Lock::Timeout=600
               -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    if [[ -z "$SB_APT_UPDATED" ]]; then
        if ! sb_as_root "${apt[@]}" update >>"$log" 2>&1; then
            tail -n 30 "$log" >&2
            sb_err "apt-get update failed (full log: $log)"
            return 1
        fi
        SB_APT_UPDATED=1
    fi
    if ! sb_as_root "${apt[@]}" install --no-install-recommends "$@" >>"$log" 2>&1; then
        tail -n 30 "$log" >&2
        sb_err "apt-get install $* failed (full log: $log)"
        return 1
    fi
}

# Install Debian package $2 (default: $1) when command $1 is missing, e.g. curl for
# scripts/cluster's health checks: a minimal Debian image has none.
sb_ensure_command() {
    local cmd="$1" pkg="${2:-$1}"
    command -v "$cmd" >/dev/null 2>&1 && return 0
    sb_log "Installing $pkg (apt-get install $pkg)"
    sb_apt_install "$pkg" || return 1
    command -v "$cmd" >/dev/null 2>&1 && return 0
    sb_err "$pkg installed but $cmd is not on PATH"
    return 1
}

# Scratch space of this clone under the system temp folder, for what a server running
# as another OS user must reach (PostgreSQL runs as `postgres` when we are root) when
# the clone sits under a folder closed to others (a 0700 home, a `mktemp -d` folder),
# where that user cannot enter .tmp. Named after a hash of the clone's absolute path:
# the same clone finds its data again, two clones never share (or stop) a server.
# Only prints the path; sb_private_tmp_create makes it.
sb_private_tmp() {
    local hash
    hash="$(cd "$SB_ROOT" && pwd -P | tr -d '\n' | sha256sum | cut -c1-12)" || return 1
    echo "${TMPDIR:-/tmp}/switchboard-$hash"
}

# Create sb_private_tmp 0711, so the server's user can pass through to its own 0700
# folder inside while others cannot list or add anything. The temp folder is
# world-writable and the name predictable: refuse one that is not ours (or a symlink).
sb_private_tmp_create() {
    local dir
    dir="$(sb_private_tmp)" || return 1
    mkdir -m 711 "$dir" 2>/dev/null || true
    if [[ -L "$dir" || ! -d "$dir" || ! -O "$dir" ]]; then
        sb_err "cannot use $dir: missing, a symlink or not a folder of $(id -un) (remove it, or set TMPDIR)"
        return 1
    fi
    chmod 711 "$dir"
    # Which clone it belongs to, for whoever finds it.
    [[ -f "$dir/clone" ]] || (cd "$SB_ROOT" && pwd -P) > "$dir/clone"
    echo "$dir"
}

# Where $1, a folder the repo's scratch space would hold, goes instead in the clone's
# private temp folder: the same relative path when $1 lies under $SB_TMP
# (.tmp/cluster/pg -> switchboard-<hash>/cluster/pg), else its name plus a hash of it.
sb_private_path_for() {
    local path="$1" base
    base="$(sb_private_tmp)" || return 1
    if [[ "$path" == "$SB_TMP"/* ]]; then
        echo "$base/${path#"$SB_TMP"/}"
    else
        echo "$base/$(basename "$path")-$(printf '%s' "$path" | sha256sum | cut -c1-12)"
    fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
# Uses bash's /dev/tcp so we don't depend on ss/netstat/nc being installed.
sb_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Print the first port >= $1 that nothing listens on (tries 50 ports).
sb_free_port() {
    local port="$1" i
    for ((i = 0; i < 50; i++)); do
        if ! sb_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
        port=$((port + 1))
    done
    sb_err "no free TCP port in $1..$port"
    return 1
}

# shellcheck shell=bash
# npm dependencies of the Node folders under tests/ and bench/. Source it.
#
#   node_package_dirs        print every folder under tests/ and bench/ holding a
#                            package.json (node_modules, bin, obj skipped)
#   node_install_dir DIR     npm ci (lock file) or npm install, unless node_modules
#                            already matches package.json + lock + node version
#   node_install_all         node_install_dir for each of node_package_dirs

[[ -n "${SB_NODE_SH_LOADED:-}" ]] && return 0
SB_NODE_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

node_package_dirs() {
    local top
    for top in "$SB_ROOT/tests" "$SB_ROOT/bench"; do
        [[ -d "$top" ]] || continue
        find "$top" \( -name node_modules -o -name bin -o -name obj \) -prune \
             -o -type f -name package.json -print
    done | sort | while IFS= read -r f; do dirname "$f"; done
}

# What node_modules was installed from: when this changes, reinstall.
node_deps_fingerprint() {
    local dir="$1"
    {
        cat "$dir/package.json"
        cat "$dir/package-lock.json" 2>/dev/null || true
        node --version   # native addons are built per Node version
    } | sha256sum | cut -d' ' -f1
}

node_install_dir() {
    local dir="$1" rel stamp t0
    rel="${dir#"$SB_ROOT"/}"
    stamp="$dir/node_modules/.switchboard-installed"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$(node_deps_fingerprint "$dir")" ]]; then
        sb_log "npm: $rel is up to date"
        return 0
    fi
    t0=$(sb_now)
    if [[ -f "$dir/package-lock.json" ]]; then
        sb_log "npm ci in $rel"
        (cd "$dir" && npm ci --no-audit --no-fund) || { sb_err "npm ci failed in $rel"; return 1; }
    else
        # No lock file yet: npm install writes one (worth committing).
        sb_log "npm install in $rel (no package-lock.json)"
        (cd "$dir" && npm install --no-audit --no-fund) || { sb_err "npm install failed in $rel"; return 1; }
    fi
    # A package without dependencies gets no node_modules; the stamp needs one.
    mkdir -p "$dir/node_modules"
    # Fingerprint taken after the install, so a lock file npm install just wrote counts.
    node_deps_fingerprint "$dir" > "$stamp"
    sb_log "npm: $rel installed in $(( $(sb_now) - t0 ))s"
}

node_install_all() {
    local dirs dir
    dirs="$(node_package_dirs)"
    [[ -n "$dirs" ]] || return 0
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
        sb_err "node/npm not found, but these folders need them: $(echo "$dirs" | tr '\n' ' ')"
        return 1
    fi
    while IFS= read -r dir; do
        node_install_dir "$dir" || return 1
    done <<< "$dirs"
}

# shellcheck shell=bash
# nginx from Debian, for the local cluster (scripts/cluster) and its fault tests. Source it.
#
#   nginx_ensure_installed   install Debian's `nginx` when missing (the package's own service, if it
#                            starts one on port 80, is left alone: we run our own instances)
#   nginx_bin                print the nginx binary

[[ -n "${SB_NGINX_SH_LOADED:-}" ]] && return 0
SB_NGINX_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

nginx_bin() {
    command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; }
}

nginx_ensure_installed() {
    nginx_bin >/dev/null && return 0
    local t0; t0=$(sb_now)
    sb_log "Installing nginx (apt-get install nginx)"
    sb_apt_install nginx || return 1
    if ! nginx_bin >/dev/null; then
        sb_err "nginx installed but not found"
        return 1
    fi
    sb_log "nginx installed in $(( $(sb_now) - t0 ))s"
}

# shellcheck shell=bash
# Prometheus from Debian, for the test that scrapes a running node (tests/e2e/operations). Source it.
#
#   prometheus_ensure_installed   install Debian's `prometheus` when missing (the package may start its own
#                                 service on :9090; the tests leave it alone and run their own on a free port)
#   prometheus_bin                print the prometheus binary

[[ -n "${SB_PROMETHEUS_SH_LOADED:-}" ]] && return 0
SB_PROMETHEUS_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

prometheus_bin() {
    command -v prometheus 2>/dev/null || { [[ -x /usr/bin/prometheus ]] && echo /usr/bin/prometheus; }
}

prometheus_ensure_installed() {
    prometheus_bin >/dev/null && return 0
    local t0; t0=$(sb_now)
    sb_log "Installing Prometheus (apt-get install prometheus)"
    sb_apt_install prometheus || return 1
    if ! prometheus_bin >/dev/null; then
        sb_err "prometheus installed but not found"
        return 1
    fi
    sb_log "Prometheus installed in $(( $(sb_now) - t0 ))s"
}

# shellcheck shell=bash
# Debian's dnsmasq for the verified-domain tests: each test starts its own server on a private
# port with the TXT records it needs (tests/Switchboard.Tests/Sso/DnsServer.cs), as the tests
# start other throwaway servers. Source it; don't run it.
#
#   dnsmasq_ensure_installed   install `dnsmasq-base` when missing (the binary only: no service
#                              is enabled, nothing listens on port 53) and export
#                              SWITCHBOARD_TEST_DNSMASQ with its path

[[ -n "${SB_DNSMASQ_SH_LOADED:-}" ]] && return 0
SB_DNSMASQ_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dnsmasq_bin() {
    command -v dnsmasq 2>/dev/null || { [[ -x /usr/sbin/dnsmasq ]] && echo /usr/sbin/dnsmasq; }
}

dnsmasq_ensure_installed() {
    if ! dnsmasq_bin >/dev/null; then
        sb_log "Installing dnsmasq (apt-get install dnsmasq-base)"
        sb_apt_install dnsmasq-base || return 1
    fi
    SWITCHBOARD_TEST_DNSMASQ="$(dnsmasq_bin)" || { sb_err "dnsmasq-base installed but dnsmasq not found"; return 1; }
    export SWITCHBOARD_TEST_DNSMASQ
}

# shellcheck shell=bash
# Debian's Chromium for the browser tests (tests/e2e/browser). Source it; don't run it.
#
#   chromium_ensure_installed   install Debian's `chromium` package when /usr/bin/chromium
#                               is missing; does nothing when it is there
#
# Why Debian's package: playwright-core drives any recent Chromium over CDP, and
# Playwright's own browser download (`npx playwright install`) cannot reach its
# CDN from the machines here; apt can. The tests launch /usr/bin/chromium.

[[ -n "${SB_CHROMIUM_SH_LOADED:-}" ]] && return 0
SB_CHROMIUM_SH_LOADED=1
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

chromium_ensure_installed() {
    [[ -x "$CHROMIUM_BIN" ]] && return 0
    local t0; t0=$(sb_now)
    sb_log "Installing Chromium (apt-get install chromium; takes a minute or two on a fresh machine)"
    # --no-install-recommends (in sb_apt_install) leaves out fonts: a page with no
    # font at all renders empty boxes, so ask for one small set explicitly.
    sb_apt_install chromium fonts-dejavu-core || return 1
    if [[ ! -x "$CHROMIUM_BIN" ]]; then
        sb_err "chromium installed but $CHROMIUM_BIN is missing"
        return 1
    fi
    sb_log "Chromium installed ($("$CHROMIUM_BIN" --version 2>/dev/null || echo "version unknown")) in $(( $(sb_now) - t0 ))s"
}

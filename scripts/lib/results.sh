# shellcheck shell=bash
# Read pass/fail/skip counts out of test result files. Source it.
#
#   trx_counts FILE   VSTest TRX (dotnet test --logger trx) -> "passed failed skipped"
#   tap_counts FILE   node --test TAP output               -> "passed failed skipped"
#
# Both return non-zero when the file holds no totals (e.g. a run that crashed).

[[ -n "${SB_RESULTS_SH_LOADED:-}" ]] && return 0
SB_RESULTS_SH_LOADED=1

# Value of attribute $1 in the XML element text $2 (0 when absent).
# The leading space keeps `passed=` from matching `passedButRunAborted=`.
_sb_xml_attr() {
    local v
    v="$(grep -o " $1=\"[0-9]*\"" <<< "$2" | head -n 1 | tr -dc '0-9')"
    echo "${v:-0}"
}

# <Counters total="4" executed="3" passed="1" failed="2" error="0" timeout="0"
#   aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0"
#   notExecuted="0" .../>
# xunit's skipped tests have outcome="NotExecuted" in their <UnitTestResult>, but
# the VSTest logger leaves them out of notExecuted=: they only show as
# total - executed. So skipped = the larger of the two.
trx_counts() {
    local counters
    [[ -f "$1" ]] || return 1
    # The element may be split across lines; join them first.
    counters="$(tr '\n\r' '  ' < "$1" | grep -o '<Counters [^>]*>' | head -n 1)" || return 1
    [[ -n "$counters" ]] || return 1
    local a passed failed skipped
    declare -A c=()
    for a in total executed passed failed error timeout aborted notRunnable \
             passedButRunAborted notExecuted inconclusive; do
        c[$a]="$(_sb_xml_attr "$a" "$counters")"
    done
    passed=$(( c[passed] + c[passedButRunAborted] ))
    failed=$(( c[failed] + c[error] + c[timeout] + c[aborted] + c[notRunnable] ))
    skipped=$(( c[notExecuted] + c[inconclusive] ))
    (( c[total] - c[executed] > skipped )) && skipped=$(( c[total] - c[executed] ))
    echo "$passed $failed $skipped"
}

# node's TAP reporter ends with:  # tests 5 / # suites 0 / # pass 3 / # fail 1 /
# # cancelled 0 / # skipped 1 / # todo 0 / # duration_ms ...
# cancelled (e.g. a timeout or a file that died) counts as failed, todo as skipped.
tap_counts() {
    [[ -f "$1" ]] || return 1
    grep -qE '^# pass [0-9]+' "$1" || return 1
    _tap() { grep -E "^# $1 [0-9]+\$" "$2" | tail -n 1 | tr -dc '0-9' || true; }
    local pass fail cancelled skipped todo
    pass="$(_tap pass "$1")"; fail="$(_tap fail "$1")"; cancelled="$(_tap cancelled "$1")"
    skipped="$(_tap skipped "$1")"; todo="$(_tap todo "$1")"
    echo "$(( ${pass:-0} ))" "$(( ${fail:-0} + ${cancelled:-0} ))" "$(( ${skipped:-0} + ${todo:-0} ))"
}

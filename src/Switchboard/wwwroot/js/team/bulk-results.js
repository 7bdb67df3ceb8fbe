// What the bulk invite says about its answer: a count per outcome (and the repeats sent once), and one line per
// address in words — a rate_limited one says why and when; the addresses to paste again.
import { h, fill } from "../dom.js";
import { clockAfter } from "../refusal-time.js";

const RESULT_TEXT = {
  invited: "Invitation sent",
  // Servers before Trust II added existing accounts at once.
  added: "Added (already had an account)",
  already_member: "Already a member",
  already_invited: "Already invited",
  rate_limited: "Not sent yet: too many invitations lately",
  plan_limit: "Refused: the plan has no room",
  invalid: "Not a valid address",
};

/** A row's words; a rate_limited one says why (the workspace's daily budget, or the address's hourly cap) and when. */
function resultText(r) {
  if (r.result !== "rate_limited") return RESULT_TEXT[r.result] ?? r.result;
  const why = r.code === "invite_budget_spent"
    ? "Not sent: invitation budget for today is spent"
    : "Not sent: too many invitations to this address lately";
  return r.retry_after ? `${why} — try again ${clockAfter(r.retry_after)}` : why;
}

/** The addresses in pasted text: split on commas, semicolons, spaces and line breaks; duplicates once. */
export function addressesIn(text) {
  const seen = new Set();
  return text.split(/[\s,;]+/).map((a) => a.trim()).filter((a) => {
    const key = a.toLowerCase();
    if (!a || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Fills `summary` with the counts and `results` with one line per address. */
export function showResults(rows, repeats, { summary, results }) {
  const counts = {};
  for (const r of rows) counts[r.result] = (counts[r.result] ?? 0) + 1;
  fill(summary, [...Object.entries(counts).map(([k, n]) => `${RESULT_TEXT[k] ?? k}: ${n}`),
    repeats > 0 ? `Repeated ${repeats === 1 ? "address" : "addresses"} sent once: ${repeats}` : null].filter(Boolean).join(" · "));
  fill(results, rows.map((r) => h("li", { dataset: { result: r.result } },
    h("span", { class: "truncate invite-email", title: r.email }, r.email), " — ",
    h("span", { class: r.result === "invited" || r.result === "added" ? "" : "muted" }, resultText(r)))));
}

/** The addresses refused (invalid, no room, not sent yet): they stay in the box, to fix or retry. */
export const refusedIn = (rows) => rows.filter((r) => r.result === "invalid" || r.result === "plan_limit" || r.result === "rate_limited").map((r) => r.email);

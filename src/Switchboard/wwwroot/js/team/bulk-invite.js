// Invite several people at once: paste up to 100 addresses, one role and one seat, and see what happened to
// each (invited, already a member, refused by the plan, not sent yet and when, invalid) — POST /app/invites/bulk.
// Everyone listed gets an invitation mail, people with an account too: bulk adds nobody at once.
// Offered only when the service lists the "bulk_invites" feature (GET /api/v1/meta, read once), so a server
// without it shows nothing rather than a form that cannot work.
import { h, fill, uid } from "../dom.js";
import { api, unwrap } from "../api.js";
import { explain } from "../refusal.js";
import { clockAfter } from "../refusal-time.js";
import { offers } from "../meta.js";

export const MAX_BULK = 100;
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

/** True when the running service offers POST /app/invites/bulk. */
export const bulkInviteOffered = () => offers("bulk_invites");

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

export function bulkInvite(ctx, { roleOptions, onInvited }) {
  const id = uid("bulk");
  const textarea = h("textarea", { id: `${id}-emails`, rows: 5, "aria-describedby": `${id}-hint ${id}-error`, spellcheck: "false" });
  const role = h("select", { id: `${id}-role` }, roleOptions.map(([v, t]) => h("option", { value: v }, t)));
  const seat = h("select", { id: `${id}-seat` }, [["full", "Full"], ["lite", "Lite"]].map(([v, t]) => h("option", { value: v }, t)));
  const error = h("p", { class: "error", role: "alert", id: `${id}-error` });
  const summary = h("p", { class: "success", role: "status", id: "bulk-summary" });
  const results = h("ul", { class: "bulk-results", id: "bulk-results" });
  const submit = h("button", { type: "submit", class: "primary" }, "Send invites");
  const roleField = h("div", { class: "field" }, h("label", { for: `${id}-role` }, "Role"), role);
  const formEl = h("form", { novalidate: true, "aria-label": "Invite several people" },
    h("div", { class: "field" },
      h("label", { for: `${id}-emails` }, "Addresses to invite"),
      textarea,
      h("p", { class: "hint", id: `${id}-hint` }, `Up to ${MAX_BULK}, separated by commas, spaces or new lines. They all get the same role and seat, and each an email with a link to join.`)),
    h("div", { class: "bulk-choices" }, roleField,
      h("div", { class: "field" }, h("label", { for: `${id}-seat` }, "Seat"), seat)),
    h("div", { class: "form-actions" }, submit), error);
  // Its own card (not inside the single invite's), so its messages never mix with that form's.
  const el = h("section", { class: "card bulk-card", id: "bulk-invite", hidden: true, "aria-label": "Invite several people at once" },
    h("details", { class: "bulk-invite" }, h("summary", {}, "Invite several people at once"), formEl, summary, results));

  formEl.addEventListener("submit", async (event) => {
    event.preventDefault();
    fill(error);
    fill(summary);
    fill(results);
    const emails = addressesIn(textarea.value);
    // Repeats are sent once, and the summary says so (dropping them silently read as lost addresses).
    const repeats = textarea.value.split(/[\s,;]+/).filter((a) => a.trim()).length - emails.length;
    if (emails.length === 0) {
      fill(error, "Paste at least one address.");
      textarea.focus();
      return;
    }
    if (emails.length > MAX_BULK) {
      fill(error, `That is ${emails.length} addresses; send at most ${MAX_BULK} at a time.`);
      textarea.focus();
      return;
    }
    submit.setAttribute("aria-disabled", "true");
    try {
      const answer = unwrap(await api("POST", "/app/invites/bulk", { emails, role: role.value, seat: seat.value }));
      const rows = Array.isArray(answer) ? answer : [];
      const counts = {};
      for (const r of rows) counts[r.result] = (counts[r.result] ?? 0) + 1;
      fill(summary, [...Object.entries(counts).map(([k, n]) => `${RESULT_TEXT[k] ?? k}: ${n}`),
        repeats > 0 ? `Repeated ${repeats === 1 ? "address" : "addresses"} sent once: ${repeats}` : null].filter(Boolean).join(" · "));
      fill(results, rows.map((r) => h("li", { dataset: { result: r.result } },
        h("span", { class: "truncate invite-email", title: r.email }, r.email), " — ",
        h("span", { class: r.result === "invited" || r.result === "added" ? "" : "muted" }, resultText(r)))));
      // Those refused stay in the box, to fix or retry.
      textarea.value = rows.filter((r) => r.result === "invalid" || r.result === "plan_limit" || r.result === "rate_limited").map((r) => r.email).join("\n");
      summary.focus?.();
      await onInvited();
    } catch (e) {
      fill(error, explain(e, { action: "invite members", role: ctx.role }).text);
    } finally {
      submit.removeAttribute("aria-disabled");
    }
  });

  let available = false;
  let allowed = false;
  const show = () => {
    el.hidden = !(available && allowed);
  };

  function update(state, can) {
    allowed = can.invite;
    show();
    for (const option of role.options) option.hidden = !can.inviteRoles.includes(option.value);
    if (!can.inviteRoles.includes(role.value)) role.value = "agent";
    roleField.hidden = can.inviteRoles.length < 2;
  }

  bulkInviteOffered().then((yes) => {
    available = yes;
    show();
  });
  return { el, update };
}

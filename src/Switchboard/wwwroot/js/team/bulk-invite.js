// Invite several people at once: paste up to 100 addresses, one role and one seat, and see what happened to
// each (invited, already a member, refused by the plan, not sent yet and when, invalid) — POST /app/invites/bulk.
// Everyone listed gets an invitation mail, people with an account too: bulk adds nobody at once.
// Offered only when the service lists the "bulk_invites" feature (GET /api/v1/meta, read once), so a server
// without it shows nothing rather than a form that cannot work.
import { h, fill, uid } from "../dom.js";
import { api, unwrap } from "../api.js";
import { explain } from "../refusal.js";
import { offers } from "../meta.js";
import { addressesIn, showResults, refusedIn } from "./bulk-results.js";

export const MAX_BULK = 100;
/** True when the running service offers POST /app/invites/bulk. */
export const bulkInviteOffered = () => offers("bulk_invites");

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
      showResults(rows, repeats, { summary, results });
      textarea.value = refusedIn(rows).join("\n");
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

// Invites sent by email that nobody has accepted yet, with resend and revoke (behind a confirmation) for
// those who may invite. Each shows what GET /app/invites?status=all tells of it: seat, role, who sent it
// (invited_by), when, and when it expires — an expired invite stays listed, marked "Expired", and can be
// sent again (which renews it). Revoked and accepted ones are history, not shown here.
import { h, fill, timeEl, capitalize, parseUtc } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { truncated } from "./members-table.js";

const DAY = 24 * 60 * 60 * 1000;

/** "expired" when the API says so or its expiry has passed; else the API's status, or "pending". */
export function inviteState(invite, now = Date.now()) {
  const expires = parseUtc(invite.expires_at);
  if (invite.status === "expired" || (expires && expires.getTime() <= now)) return "expired";
  return invite.status ?? "pending";
}

function expiresText(invite, now = Date.now()) {
  const expires = parseUtc(invite.expires_at);
  if (!expires) return null;
  const left = expires.getTime() - now;
  if (left <= 0) return "expired";
  const days = Math.floor(left / DAY);
  if (days >= 1) return `expires in ${days} ${days === 1 ? "day" : "days"}`;
  const hours = Math.max(1, Math.round(left / (60 * 60 * 1000)));
  return `expires in ${hours} ${hours === 1 ? "hour" : "hours"}`;
}

/** The inviter as the API names them: a string, or an object with a name or email. */
const inviterName = (inviter) => (typeof inviter === "string" ? inviter : inviter?.name ?? inviter?.full_name ?? inviter?.email ?? null);

export function pendingInvites(ctx, { onChanged }) {
  const count = h("span", { class: "count" });
  const heading = h("h2", { id: "invites-heading", tabindex: -1 }, "Pending invites ", count);
  const list = h("ul", { class: "invites" });
  const status = h("p", { class: "success", role: "status" });
  const el = h("section", { class: "card", "aria-labelledby": "invites-heading", id: "pending-invites" }, heading, list, status);
  const errors = new Map();

  async function act(invite, controlId, method, path, action, success) {
    if (method === "DELETE") {
      const yes = await confirmDialog({
        title: `Revoke the invite to ${invite.email}?`,
        message: "Its link stops working at once. You can invite the address again later.",
        confirmLabel: "Revoke invite",
      });
      if (!yes) return;
    }
    errors.delete(controlId);
    fill(status);
    const line = document.getElementById(`${controlId}-error`);
    if (line) fill(line);
    try {
      await api(method, path);
      fill(status, success);
    } catch (error) {
      const text = explain(error, { action, role: ctx.role }).text;
      errors.set(controlId, text);
      if (line) fill(line, text);
    }
    await onChanged();
    if (method === "DELETE" && !errors.has(controlId)) heading.focus();
    else document.getElementById(controlId)?.focus();
  }

  function item(invite, can) {
    const resendId = `resend-${invite.id}`;
    const revokeId = `revoke-${invite.id}`;
    const path = `/app/invites/${encodeURIComponent(invite.id)}`;
    const state = inviteState(invite);
    const expired = state === "expired";
    // The error line is redrawn with the list, so it is refilled from `errors`.
    const withError = (id, button) => {
      const line = errorLine(`${id}-error`);
      if (errors.has(id)) fill(line, errors.get(id));
      return [button, line];
    };
    const by = inviterName(invite.invited_by ?? invite.inviter);
    const expiry = expired ? null : expiresText(invite);
    const details = [
      invite.role ? capitalize(invite.role) : null,
      `${capitalize(invite.seat)} seat`,
    ].filter(Boolean).join(" · ");
    return h("li", { dataset: { inviteId: invite.id, state } },
      h("div", { class: "invite-main" },
        truncated(invite.email, "invite-email"),
        expired ? h("span", { class: "pill pill-expired" }, "Expired") : null),
      h("span", { class: "muted invite-details" },
        `${details} · sent `, timeEl(invite.created_at ?? invite.updated_at),
        by ? ` by ${by}` : "",
        expiry ? ` · ${expiry}` : ""),
      can.manageInvites
        ? h("span", { class: "invite-actions" },
          withError(resendId, h("button", { type: "button", id: resendId, "aria-label": `Resend invite to ${invite.email}`,
            "aria-describedby": `${resendId}-error`,
            onClick: () => act(invite, resendId, "POST", `${path}/resend`, "resend invites", `Invitation sent again to ${invite.email}.`) },
          expired ? "Send again" : "Resend")),
          withError(revokeId, h("button", { type: "button", id: revokeId, class: "danger-outline", "aria-label": `Revoke invite to ${invite.email}`,
            "aria-describedby": `${revokeId}-error`,
            onClick: () => act(invite, revokeId, "DELETE", path, "revoke invites", `Invite to ${invite.email} revoked: its link no longer works.`) }, "Revoke")))
        : null);
  }

  function update(state, can) {
    el.hidden = !can.manageInvites;
    const expired = state.invites.filter((i) => inviteState(i) === "expired").length;
    fill(count, expired ? `(${state.invites.length}, ${expired} expired)` : `(${state.invites.length})`);
    fill(list, state.invites.length
      ? state.invites.map((i) => item(i, can))
      : h("li", { class: "muted empty" }, "No pending invites."));
  }

  return { el, update };
}

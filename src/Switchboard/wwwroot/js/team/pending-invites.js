// Invites sent by email that nobody has accepted yet, with resend and revoke for those who may invite.
import { h, fill, timeEl, capitalize } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";

export function pendingInvites(ctx, { onChanged }) {
  const count = h("span", { class: "count" });
  const heading = h("h2", { id: "invites-heading", tabindex: -1 }, "Pending invites ", count);
  const list = h("ul", { class: "invites" });
  const status = h("p", { class: "success", role: "status" });
  const el = h("section", { class: "card", "aria-labelledby": "invites-heading", id: "pending-invites" }, heading, list, status);
  const errors = new Map();

  async function act(invite, controlId, method, path, action, success) {
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
  }

  function item(invite, can) {
    const resendId = `resend-${invite.id}`;
    const revokeId = `revoke-${invite.id}`;
    const path = `/app/invites/${encodeURIComponent(invite.id)}`;
    // The error line is redrawn with the list, so it is refilled from `errors`.
    const withError = (id, button) => {
      const line = errorLine(`${id}-error`);
      if (errors.has(id)) fill(line, errors.get(id));
      return [button, line];
    };
    const li = h("li", { dataset: { inviteId: invite.id } },
      h("span", { class: "invite-email" }, invite.email),
      h("span", { class: "muted" }, `${capitalize(invite.seat)} seat · sent `, timeEl(invite.updated_at ?? invite.created_at)),
      can.manageInvites
        ? h("span", { class: "invite-actions" },
          withError(resendId, h("button", { type: "button", id: resendId, "aria-label": `Resend invite to ${invite.email}`,
            "aria-describedby": `${resendId}-error`,
            onClick: () => act(invite, resendId, "POST", `${path}/resend`, "resend invites", `Invitation sent again to ${invite.email}.`) }, "Resend")),
          withError(revokeId, h("button", { type: "button", id: revokeId, class: "danger-outline", "aria-label": `Revoke invite to ${invite.email}`,
            "aria-describedby": `${revokeId}-error`,
            onClick: () => act(invite, revokeId, "DELETE", path, "revoke invites", `Invite to ${invite.email} revoked: its link no longer works.`) }, "Revoke")))
        : null);
    return li;
  }

  function update(state, can) {
    el.hidden = !can.manageInvites;
    fill(count, `(${state.invites.length})`);
    fill(list, state.invites.length
      ? state.invites.map((i) => item(i, can))
      : h("li", { class: "muted empty" }, "No pending invites."));
  }

  return { el, update };
}

// One row of the pending-invites card, with its Resend and Revoke controls.
import { h, fill, timeEl, capitalize, truncated } from "../dom.js";
import { errorLine } from "../forms.js";
import { inviteState, expiresText, inviterName } from "./invite-state.js";

/**
 * One pending invite: address, "Expired", role and seat, who sent it when, its expiry; Resend and Revoke for those
 * who may manage invites, each with its error line refilled from `errors` (the list is redrawn), calling `act`.
 */
export function inviteItem(invite, can, { errors, act }) {
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

// Invites sent by email that nobody has accepted yet, with resend and revoke (behind a confirmation) for
// those who may invite: one page at a time, newest first, of GET /app/invites?status=open (pending and expired —
// the server filters and pages, so years of revoked and accepted history never crowd them out). Each shows seat,
// role, who sent it (invited_by), when, and when it expires — an expired invite stays listed, marked "Expired",
// and can be sent again (which renews it).
import { h, fill, timeEl, capitalize, parseUtc, truncated } from "../dom.js";
import { pager, showing } from "../pager.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";

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
  const loadError = errorLine("invites-load-error");
  const pages = pager({ id: "invites", label: "Pending invites", describe: (m) => showing(m, "invites"), onChange: () => refresh().then(draw), fallback: 25 });
  const el = h("section", { class: "card", "aria-labelledby": "invites-heading", id: "pending-invites" },
    heading, pages.top, list, loadError, pages.bottom, status);
  const errors = new Map();
  /** The page on screen, its meta and whether the caller may list invites at all (403: the card is hidden). */
  let invites = [];
  let meta = null;
  let allowed = true;
  let can = null;

  /** Reads the current page (owner and admins who may invite; for anyone else the server says 403). */
  async function refresh() {
    const params = new URLSearchParams({ status: "open", sort: "-created", page: String(pages.page), page_size: String(pages.size) });
    try {
      const body = await api("GET", `/app/invites?${params}`);
      allowed = true;
      invites = body.data;
      meta = body.meta;
      fill(loadError);
      if (invites.length === 0 && meta.total > 0 && pages.page > meta.last_page) {
        pages.page = meta.last_page;
        return refresh();
      }
    } catch (error) {
      if (error.status === 403) allowed = false;
      else fill(loadError, explain(error, { action: "list invites", role: ctx.role }).text);
    }
  }

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

  function draw() {
    if (!can) return;
    el.hidden = !can.manageInvites || !allowed;
    if (!meta) return;
    // How many are expired is known when one page holds them all; across pages each carries its own mark.
    const expired = meta.last_page === 1 ? invites.filter((i) => inviteState(i) === "expired").length : 0;
    fill(count, expired ? `(${meta.total.toLocaleString()}, ${expired} expired)` : `(${meta.total.toLocaleString()})`);
    pages.set(meta);
    fill(list, invites.length
      ? invites.map((i) => item(i, can))
      : h("li", { class: "muted empty" }, "No pending invites. Invite a teammate above; their invitation waits here until they accept."));
  }

  function update(state, permissions) {
    can = permissions;
    draw();
  }

  return { el, update, refresh };
}

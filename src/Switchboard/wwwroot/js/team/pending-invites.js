// Invites sent by email that nobody has accepted yet, with resend and revoke (behind a confirmation) for
// those who may invite: one page at a time, newest first, of GET /app/invites?status=open (pending and expired —
// the server filters and pages, so years of revoked and accepted history never crowd them out). Each shows seat,
// role, who sent it (invited_by), when, and when it expires — an expired invite stays listed, marked "Expired",
// and can be sent again (which renews it).
import { h, fill } from "../dom.js";
import { pager, showing } from "../pager.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { inviteState } from "./invite-state.js";
import { inviteItem } from "./pending-invite-item.js";

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

  function draw() {
    if (!can) return;
    el.hidden = !can.manageInvites || !allowed;
    if (!meta) return;
    // How many are expired is known when one page holds them all; across pages each carries its own mark.
    const expired = meta.last_page === 1 ? invites.filter((i) => inviteState(i) === "expired").length : 0;
    fill(count, expired ? `(${meta.total.toLocaleString()}, ${expired} expired)` : `(${meta.total.toLocaleString()})`);
    pages.set(meta);
    fill(list, invites.length
      ? invites.map((i) => inviteItem(i, can, { errors, act }))
      : h("li", { class: "muted empty" }, "No pending invites. Invite a teammate above; their invitation waits here until they accept."));
  }

  function update(state, permissions) {
    can = permissions;
    draw();
  }

  return { el, update, refresh };
}

// Invite links: links not tied to an address, for those who may invite. Create one (seat, role, days, uses);
// its URL is shown once, right after creating it (only a hash of the secret is kept); the list shows uses and
// status, with Revoke.
import { h, fill, timeEl, capitalize } from "../dom.js";
import { api, unwrap } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { inviteLinkForm } from "./invite-link-form.js";

export function inviteLinks(ctx, { onChanged }) {
  const heading = h("h2", { id: "invite-links-heading", tabindex: -1 }, "Invite links");
  const createError = errorLine("link-create-error");
  const created = h("div", { class: "success", role: "status", id: "link-created" });
  const linkForm = inviteLinkForm();
  const create = linkForm.create;
  const list = h("ul", { class: "invites", id: "invite-links-list" });
  const el = h("section", { class: "card", "aria-labelledby": "invite-links-heading", id: "invite-links" },
    heading,
    h("p", { class: "muted" }, "Anyone with a confirmed account who opens the link can join, while it has uses and days left and your plan has room."),
    linkForm.el, createError, created, list);
  let can = null;

  create.addEventListener("click", async () => {
    fill(createError);
    fill(created);
    try {
      const link = unwrap(await api("POST", "/app/invite-links", linkForm.values()));
      const url = h("input", { type: "text", readonly: true, value: link.url, id: "link-url", "aria-label": "Invite link URL", size: 48 });
      fill(created, h("p", {}, "Copy this link now — it will not be shown again: "), url);
      shownLinkId = link.id;
      url.select();
    } catch (error) {
      fill(createError, explain(error, { action: "create invite links", role: ctx.role }).text);
    }
    await load();
    await onChanged?.();
  });

  /** The id of the link whose URL is on screen (shown once, after creating it). */
  let shownLinkId = null;

  async function revoke(link, controlId) {
    const yes = await confirmDialog({
      title: `Revoke this ${link.role} link?`,
      message: `Nobody can join with it from now on (${link.uses} of ${link.max_uses} uses taken). People who already joined stay.`,
      confirmLabel: "Revoke link",
    });
    if (!yes) return;
    const line = document.getElementById(`${controlId}-error`);
    try {
      await api("DELETE", `/app/invite-links/${encodeURIComponent(link.id)}`);
    } catch (error) {
      if (line) fill(line, explain(error, { action: "revoke invite links", role: ctx.role }).text);
      return;
    }
    // A revoked link's URL no longer works: it does not stay on screen to be copied.
    if (shownLinkId === link.id) {
      fill(created);
      shownLinkId = null;
    }
    toast("Invite link revoked: it no longer works.", { kind: "success" });
    await load();
    heading.focus();
  }

  function item(link) {
    const id = `revoke-link-${link.id}`;
    return h("li", { dataset: { linkId: link.id, status: link.status } },
      h("span", {}, `${capitalize(link.role)} · ${capitalize(link.seat)} seat`),
      h("span", { class: "muted" }, ` ${link.uses}/${link.max_uses} used · ${link.status.replace("_", " ")} · expires `, timeEl(link.expires_at)),
      link.status === "active"
        ? [h("button", { type: "button", id, class: "danger-outline", "aria-describedby": `${id}-error`,
          "aria-label": `Revoke ${link.role} link created ${link.created_at}`, onClick: () => revoke(link, id) }, "Revoke"), errorLine(`${id}-error`)]
        : null);
  }

  async function load() {
    if (!can?.manageInvites) return;
    try {
      const links = unwrap(await api("GET", "/app/invite-links"));
      fill(list, links.length ? links.map(item) : h("li", { class: "muted empty" }, "No invite links yet."));
    } catch {
      // Refused (the right was just taken away): the next update hides the card.
    }
  }

  function update(state, permissions) {
    can = permissions;
    el.hidden = !permissions.manageInvites;
    linkForm.offerRoles(permissions.inviteRoles);
    load();
  }

  return { el, update };
}

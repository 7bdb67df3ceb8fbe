// Invite links: links not tied to an address, for those who may invite. Create one (seat, role, days, uses);
// its URL is shown once, right after creating it (only a hash of the secret is kept); the list shows uses and
// status, with Revoke.
import { h, fill, timeEl, capitalize } from "../dom.js";
import { api, unwrap } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";

export function inviteLinks(ctx, { onChanged }) {
  const heading = h("h2", { id: "invite-links-heading", tabindex: -1 }, "Invite links");
  const seat = h("select", { id: "link-seat" }, h("option", { value: "full" }, "Full seat"), h("option", { value: "lite" }, "Lite seat"));
  const role = h("select", { id: "link-role" }, h("option", { value: "agent" }, "Agent"), h("option", { value: "admin" }, "Admin"));
  const days = h("input", { id: "link-days", type: "number", min: 1, max: 30, value: 7 });
  const uses = h("input", { id: "link-uses", type: "number", min: 1, max: 1000, value: 10 });
  const createError = errorLine("link-create-error");
  const created = h("div", { class: "success", role: "status", id: "link-created" });
  const create = h("button", { type: "button", class: "primary", id: "link-create", "aria-describedby": "link-create-error" }, "Create link");
  const list = h("ul", { class: "invites", id: "invite-links-list" });
  const el = h("section", { class: "card", "aria-labelledby": "invite-links-heading", id: "invite-links" },
    heading,
    h("p", { class: "muted" }, "Anyone with a confirmed account who opens the link can join, while it has uses and days left and your plan has room."),
    h("div", { class: "link-form" },
      h("div", { class: "filter" }, h("label", { for: "link-seat" }, "Seat"), seat),
      h("div", { class: "filter", id: "link-role-field" }, h("label", { for: "link-role" }, "Role"), role),
      h("div", { class: "filter" }, h("label", { for: "link-days" }, "Days valid (1–30)"), days),
      h("div", { class: "filter" }, h("label", { for: "link-uses" }, "Uses (1–1000)"), uses),
      create), createError, created, list);
  let can = null;

  create.addEventListener("click", async () => {
    fill(createError);
    fill(created);
    try {
      const link = unwrap(await api("POST", "/app/invite-links", {
        seat: seat.value, role: role.value, expires_in_days: Number(days.value), max_uses: Number(uses.value),
      }));
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
    role.closest(".filter").hidden = !permissions.inviteRoles.includes("admin");
    load();
  }

  return { el, update };
}

// The owner's switch for the other reading of the roles table (docs/architecture.md, Permissions): may admins invite and remove agents?
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";

export function teamSettings(ctx, { onChanged }) {
  const body = h("div");
  const el = h("section", { class: "card", "aria-labelledby": "settings-heading", id: "team-settings" },
    h("h2", { id: "settings-heading" }, "Permissions"), body);
  let built = false;
  let checkbox = null;

  function update(state, can) {
    const on = !!state.settings?.admins_can_invite;
    if (!can.changeSettings) {
      built = false;
      fill(body, h("p", {}, on
        ? "Admins can invite and remove agents (the owner decides)."
        : "Only the owner invites and removes members (the owner decides)."));
      return;
    }
    if (built) {
      checkbox.checked = on;
      return;
    }
    built = true;
    const error = errorLine("admins-can-invite-error");
    checkbox = h("input", { type: "checkbox", id: "admins-can-invite", checked: on,
      "aria-describedby": "admins-can-invite-hint admins-can-invite-error" });
    checkbox.addEventListener("change", async () => {
      fill(error);
      const wanted = checkbox.checked;
      try {
        const saved = await api("PATCH", "/api/v1/team/settings", { admins_can_invite: wanted });
        checkbox.checked = saved.admins_can_invite;
      } catch (e) {
        checkbox.checked = !wanted;
        fill(error, explain(e, { action: "change team settings", role: ctx.role }).text);
      }
      await onChanged();
    });
    fill(body,
      h("div", { class: "checkbox" }, checkbox, h("label", { for: "admins-can-invite" }, "Admins can invite")),
      h("p", { class: "hint", id: "admins-can-invite-hint" }, "When on, admins may invite agents, resend or revoke their invites, change their seats and remove them."),
      error);
  }

  return { el, update };
}

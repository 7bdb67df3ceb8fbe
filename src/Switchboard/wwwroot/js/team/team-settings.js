// The team's settings, on the page where the team is managed: who may invite (the other reading of the roles
// table, docs/architecture.md), whether presence sets people offline, and how conversations are routed
// (mode, default capacity, reassignment). The owner changes them; everyone else reads how they are set.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";
import { policyControl } from "./two-factor-policy.js";
import { routingForm } from "./routing-form.js";
import { settingsSentences } from "./settings-sentences.js";

export function teamSettings(ctx, { onChanged }) {
  const body = h("div");
  const el = h("section", { class: "card", "aria-labelledby": "settings-heading", id: "team-settings" },
    h("h2", { id: "settings-heading" }, "Team settings"), body);
  let built = false;
  let switches = null;
  let routing = null;
  let policy = null;

  /** A switch that saves at once (as switches do) and says so; a refusal puts it back and explains. */
  function toggle(id, label, hint, field) {
    const error = errorLine(`${id}-error`);
    const checkbox = h("input", { type: "checkbox", id, "aria-describedby": `${id}-hint ${id}-error` });
    checkbox.addEventListener("change", async () => {
      fill(error);
      const wanted = checkbox.checked;
      try {
        const saved = await api("PATCH", "/api/v1/team/settings", { [field]: wanted });
        checkbox.checked = saved[field];
        toast(`${label}: ${saved[field] ? "on" : "off"}.`, { kind: "success" });
      } catch (e) {
        checkbox.checked = !wanted;
        fill(error, explain(e, { action: "change team settings", role: ctx.role }).text);
      }
      await onChanged();
    });
    const el = h("div", { class: "setting" },
      h("div", { class: "checkbox" }, checkbox, h("label", { for: id }, label)),
      h("p", { class: "hint", id: `${id}-hint` }, hint),
      error);
    return { el, checkbox, field };
  }

  async function update(state, can) {
    const settings = state.settings ?? {};
    if (!can.changeSettings) {
      built = false;
      if (!routing) routing = await api("GET", "/api/v1/team/routing").catch(() => null);
      fill(body, settingsSentences(settings, routing));
      return;
    }
    if (!built) {
      built = true;
      switches = [
        toggle("admins-can-invite", "Admins can invite",
          "When on, admins may invite agents, resend or revoke their invites, change their seats and remove them.", "admins_can_invite"),
        toggle("auto-offline", "Set offline automatically",
          "When on, a member whose last dashboard tab has been closed for a minute becomes offline.", "auto_offline"),
      ];
      const routingPart = routingForm(ctx);
      policy = policyControl(ctx, { onChanged });
      fill(body, switches.map((s) => s.el), policy.el, routingPart.el);
      api("GET", "/api/v1/team/routing").then(routingPart.show).catch(() => {});
    }
    for (const s of switches) s.checkbox.checked = !!settings[s.field];
    policy.show(settings.require_two_factor);
  }

  return { el, update };
}

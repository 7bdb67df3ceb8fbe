// The team's settings, on the page where the team is managed: who may invite (the other reading of the roles
// table, docs/architecture.md), whether presence sets people offline, and how conversations are routed
// (mode, default capacity, reassignment). The owner changes them; everyone else reads how they are set.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine, form, textField } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";
import { policyControl, policySentence } from "./two-factor-policy.js";
import { afterHoursField } from "./after-hours-field.js";

const MODE_TEXT = {
  manual: ["Manual", "Owners and admins assign each conversation."],
  auto: ["Automatic", "A new conversation goes to a live agent on a full seat with room, the least busy first."],
  offer: ["Offer and accept", "A new conversation is offered to one agent (chosen as in automatic), who accepts or declines in time; otherwise the next agent is offered it."],
};

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

  function routingForm() {
    const modes = h("fieldset", { class: "choices" }, h("legend", {}, "Routing"),
      Object.entries(MODE_TEXT).map(([value, [label, meaning]]) => h("div", { class: "choice" },
        h("input", { type: "radio", name: "routing-mode", id: `routing-mode-${value}`, value, "aria-describedby": `routing-mode-${value}-hint` }),
        h("label", { for: `routing-mode-${value}` }, label),
        h("p", { class: "hint", id: `routing-mode-${value}-hint` }, meaning))));
    const capacity = textField({ label: "Default capacity", name: "default_capacity", type: "number", inputmode: "numeric",
      hint: "Open conversations an agent holds at once, unless their own capacity is set (1–1000)." });
    const reassign = textField({ label: "Reassign after (minutes)", name: "reassign_after_minutes", type: "number", inputmode: "numeric",
      hint: "An assigned conversation nobody answers goes back to routing after this long. Empty: never." });
    const offerTimeout = textField({ label: "Offer timeout (seconds)", name: "offer_timeout_seconds", type: "number", inputmode: "numeric",
      hint: "Offer and accept: how long an agent has to accept before the next agent is offered it (5–3600)." });
    const offerLapses = textField({ label: "Lapsed offers before away", name: "offer_lapses_before_away", type: "number", inputmode: "numeric",
      hint: "Offer and accept: an agent who lets this many offers in a row run out is set away (1–100)." });
    for (const f of [capacity, reassign, offerTimeout, offerLapses]) {
      f.input.min = "1";
      f.input.classList.add("short");
    }
    const afterHours = afterHoursField();
    const saveForm = form({
      label: "Routing",
      fields: [capacity, reassign, offerTimeout, offerLapses, afterHours],
      submitLabel: "Save routing",
      async onSubmit(values, f) {
        const mode = modes.querySelector("input:checked")?.value;
        const number = (text) => (text.trim() === "" ? null : Number(text));
        const payload = { mode, default_capacity: number(values.default_capacity), reassign_after_minutes: number(values.reassign_after_minutes) };
        if (payload.default_capacity === null) delete payload.default_capacity;
        for (const name of ["offer_timeout_seconds", "offer_lapses_before_away"]) {
          const value = number(values[name] ?? "");
          if (value !== null) payload[name] = value;
        }
        payload.after_hours_team_id = values.after_hours_team_id || null;
        try {
          show(await api("PATCH", "/api/v1/team/routing", payload));
          toast("Routing saved.", { kind: "success" });
          f.submit.focus();
        } catch (e) {
          f.showError(e, { action: "change routing", role: ctx.role });
        }
      },
    });
    saveForm.el.prepend(modes);
    function show(view) {
      const radio = modes.querySelector(`input[value="${view.mode}"]`);
      if (radio) radio.checked = true;
      capacity.input.value = String(view.default_capacity);
      afterHours.show(view.after_hours_team_id);
      if (view.offer_timeout_seconds !== undefined) offerTimeout.input.value = String(view.offer_timeout_seconds);
      if (view.offer_lapses_before_away !== undefined) offerLapses.input.value = String(view.offer_lapses_before_away);
      reassign.input.value = view.reassign_after_minutes === null || view.reassign_after_minutes === undefined ? "" : String(view.reassign_after_minutes);
    }
    return { el: saveForm.el, show };
  }

  function readOnly(settings, view) {
    return [
      h("p", {}, settings.admins_can_invite
        ? "Admins can invite and remove agents (the owner decides)."
        : "Only the owner invites and removes members (the owner decides)."),
      h("p", {}, settings.auto_offline
        ? "Members are set offline a minute after their last dashboard tab closes."
        : "Members keep their status when they close the dashboard."),
      h("p", { id: "two-factor-summary" }, policySentence(settings.require_two_factor)),
      view ? h("p", { id: "routing-summary" }, view.mode === "auto"
        ? `Conversations are routed automatically, up to ${view.default_capacity} open at once per agent.`
        : view.mode === "offer"
          ? `Each conversation is offered to one agent, who has ${view.offer_timeout_seconds} seconds to accept it.`
          : "Conversations are assigned by hand (manual routing).") : null,
    ];
  }

  async function update(state, can) {
    const settings = state.settings ?? {};
    if (!can.changeSettings) {
      built = false;
      if (!routing) routing = await api("GET", "/api/v1/team/routing").catch(() => null);
      fill(body, readOnly(settings, routing));
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
      const routingPart = routingForm();
      policy = policyControl(ctx, { onChanged });
      fill(body, switches.map((s) => s.el), policy.el, routingPart.el);
      api("GET", "/api/v1/team/routing").then(routingPart.show).catch(() => {});
    }
    for (const s of switches) s.checkbox.checked = !!settings[s.field];
    policy.show(settings.require_two_factor);
  }

  return { el, update };
}

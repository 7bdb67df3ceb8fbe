// Team settings' Routing form (the owner's): the mode with its meaning, default capacity, reassignment, the offer
// timeout and lapses, and the after-hours team, saved with PATCH /api/v1/team/routing and a toast.
import { h } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { toast } from "../toast.js";
import { afterHoursField } from "./after-hours-field.js";

const MODE_TEXT = {
  manual: ["Manual", "Owners and admins assign each conversation."],
  auto: ["Automatic", "A new conversation goes to a live agent on a full seat with room, the least busy first."],
  offer: ["Offer and accept", "A new conversation is offered to one agent (chosen as in automatic), who accepts or declines in time; otherwise the next agent is offered it."],
};

/** The owner's routing form; show(view) fills it from GET /api/v1/team/routing. */
export function routingForm(ctx) {
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

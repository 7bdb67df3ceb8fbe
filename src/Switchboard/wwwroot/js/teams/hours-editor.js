// A team's business hours: time zone (an IANA name, offered from the browser's list; the server decides), spans per
// day, holidays, Save (PUT …/hours, a toast; each 422 under its own field) and "Remove hours" (DELETE, after a
// confirmation: the team is always open again); the saved week is drawn by week-view.js with "Open now" from …/open.
// Hours changed elsewhere (refresh) redraw the week, and the form too unless it holds edits of its own.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";
import { hoursDays } from "./hours-days.js";
import { hoursHolidays } from "./hours-holidays.js";
import { weekView } from "./week-view.js";
import { browserZone, zoneField } from "./hours-zone.js";
import { removeHours } from "./hours-remove.js";

export function hoursEditor(ctx, { getTeam }) {
  const path = (suffix) => `/api/v1/team/teams/${encodeURIComponent(getTeam().id)}/${suffix}`;
  const timezone = zoneField();
  const days = hoursDays();
  const holidays = hoursHolidays();
  const week = weekView();
  const formError = errorLine("hours-error");
  const save = h("button", { type: "submit", class: "primary", id: "save-hours" }, "Save hours");
  const remove = h("button", { type: "button", class: "danger-outline", id: "remove-hours" }, "Remove hours");
  const form = h("form", { novalidate: true, "aria-label": "Business hours", id: "hours-form" },
    timezone.wrapper, days.el, holidays.el,
    h("div", { class: "form-actions" }, save, remove), formError);
  const el = h("section", { class: "card hours-card", "aria-labelledby": "hours-heading", id: "team-hours" },
    h("h2", { id: "hours-heading" }, "Business hours"),
    h("p", { class: "muted" }, "Outside its hours a team's conversations wait in the queue (or go to the after-hours team); they are routed when it opens."),
    week.el, form);

  const fields = { timezone, weekly: days, holidays };
  function clearErrors() {
    for (const field of Object.values(fields)) field.setError("");
    fill(formError);
  }

  let shown = "";
  const inForm = () => JSON.stringify([timezone.input.value, days.read(), holidays.read()]);
  /** Shows saved hours in the week view and (unless it keeps edits) the form; no hours start from weekdays 09:00–17:00. */
  async function show(hours, keepForm = false) {
    remove.hidden = !hours.timezone;
    if (!keepForm) {
      timezone.input.value = hours.timezone ?? browserZone();
      days.set(hours.timezone ? hours.weekly
        : ["mon", "tue", "wed", "thu", "fri"].map((day) => ({ day, from: "09:00", to: "17:00" })));
      holidays.set(hours.holidays ?? []);
      shown = inForm();
    }
    week.show(hours, await api("GET", path("open")).catch(() => hours));
  }

  // Our own save or removal on its way: a change heard meanwhile is read after its answer is shown.
  let writing = null;
  async function refresh() {
    if (writing) await writing.catch(() => {});
    const hours = await api("GET", path("hours"));
    const edited = inForm() !== shown;
    await show(hours, edited);
    if (edited) fill(formError, "These hours were changed elsewhere: the week shows them. Saving replaces them with this form.");
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const body = { timezone: timezone.input.value.trim(), weekly: days.read(), holidays: holidays.read() };
    if (body.weekly.some((s) => !s.from || !s.to)) {
      days.setError("Give every span a start and an end, or remove it.");
      return;
    }
    save.setAttribute("aria-disabled", "true");
    try {
      await show(await (writing = api("PUT", path("hours"), body)));
      toast(`Business hours of ${getTeam().name} saved.`, { kind: "success" });
    } catch (error) {
      const refused = Object.keys(fields).filter((name) => error.status === 422 && error.fields[name]);
      for (const name of refused) fields[name].setError(error.fields[name]);
      if (refused.includes("timezone")) timezone.input.focus();
      if (!refused.length) fill(formError, explain(error, { action: "change business hours", role: ctx.role }).text);
    } finally {
      writing = null;
      save.removeAttribute("aria-disabled");
    }
  });

  remove.addEventListener("click", async () => {
    clearErrors();
    try {
      const hours = await (writing = removeHours(getTeam()));
      if (hours) await show(hours).then(() => save.focus());
    } catch (error) {
      fill(formError, explain(error, { action: "change business hours", role: ctx.role }).text);
    } finally {
      writing = null;
    }
  });

  return {
    el,
    load: async () => show(await api("GET", path("hours"))),
    refresh,
  };
}

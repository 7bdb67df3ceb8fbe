// A team's business hours: time zone (an IANA name, offered from the browser's list; the server decides), spans per
// day, holidays, Save (PUT …/hours, a toast; each 422 under its own field) and "Remove hours" (DELETE, after a
// confirmation: the team is always open again); the saved week is drawn by week-view.js with "Open now" from …/open.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine, textField } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { hoursDays } from "./hours-days.js";
import { hoursHolidays } from "./hours-holidays.js";
import { weekView } from "./week-view.js";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
const zones = () => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);

export function hoursEditor(ctx, { getTeam }) {
  const path = (suffix) => `/api/v1/team/teams/${encodeURIComponent(getTeam().id)}/${suffix}`;
  const timezone = textField({ label: "Time zone", name: "timezone", autocomplete: "off", maxlength: 64,
    hint: "An IANA time zone such as Europe/Berlin or America/New_York." });
  timezone.input.setAttribute("list", "time-zones");
  const zoneList = h("datalist", { id: "time-zones" }, zones().map((z) => h("option", { value: z })));
  const days = hoursDays();
  const holidays = hoursHolidays();
  const week = weekView();
  const formError = errorLine("hours-error");
  const save = h("button", { type: "submit", class: "primary", id: "save-hours" }, "Save hours");
  const remove = h("button", { type: "button", class: "danger-outline", id: "remove-hours" }, "Remove hours");
  const form = h("form", { novalidate: true, "aria-label": "Business hours", id: "hours-form" },
    timezone.wrapper, zoneList, days.el, holidays.el,
    h("div", { class: "form-actions" }, save, remove), formError);
  const el = h("section", { class: "card hours-card", "aria-labelledby": "hours-heading", id: "team-hours" },
    h("h2", { id: "hours-heading" }, "Business hours"),
    h("p", { class: "muted" }, "Outside its hours a team's conversations wait in the queue (or go to the after-hours team); they are routed when it opens."),
    week.el, form);

  function clearErrors() {
    timezone.setError("");
    days.setError("");
    holidays.setError("");
    fill(formError);
  }

  /** Shows saved hours in the form and the week view; a team without hours starts from weekdays 09:00–17:00. */
  async function show(hours) {
    remove.hidden = !hours.timezone;
    timezone.input.value = hours.timezone ?? browserZone();
    days.set(hours.timezone ? hours.weekly
      : ["mon", "tue", "wed", "thu", "fri"].map((day) => ({ day, from: "09:00", to: "17:00" })));
    holidays.set(hours.holidays ?? []);
    week.show(hours, await api("GET", path("open")).catch(() => hours));
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
      await show(await api("PUT", path("hours"), body));
      toast(`Business hours of ${getTeam().name} saved.`, { kind: "success" });
    } catch (error) {
      const fields = error.status === 422 ? error.fields : {};
      if (fields.timezone) timezone.setError(fields.timezone);
      if (fields.weekly) days.setError(fields.weekly);
      if (fields.holidays) holidays.setError(fields.holidays);
      if (fields.timezone) timezone.input.focus();
      if (!fields.timezone && !fields.weekly && !fields.holidays) fill(formError, explain(error, { action: "change business hours", role: ctx.role }).text);
    } finally {
      save.removeAttribute("aria-disabled");
    }
  });

  remove.addEventListener("click", async () => {
    clearErrors();
    const yes = await confirmDialog({
      title: `Remove the business hours of ${getTeam().name}?`,
      message: "The team becomes always open: its conversations are routed at any hour.",
      confirmLabel: "Remove hours",
    });
    if (!yes) return;
    try {
      await show(await api("DELETE", path("hours")));
      toast(`${getTeam().name} is always open now.`, { kind: "success" });
      save.focus();
    } catch (error) {
      fill(formError, explain(error, { action: "change business hours", role: ctx.role }).text);
    }
  });

  return {
    el,
    load: async () => show(await api("GET", path("hours"))),
  };
}

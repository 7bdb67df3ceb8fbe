// The week a team's saved hours draw: one row per day with a 24-hour track whose bars are the open stretches (a span
// past midnight continues on the next day's row), the same stretches in words beside it, the holidays, and whether
// the team is open now (GET /api/v1/team/teams/{id}/open: "Open now" or "Closed · opens at Tue, Dec 8, 09:00 AM (your time)").
import { h, fill, parseUtc } from "../dom.js";
import { DAYS, segmentsByDay } from "./hours-model.js";
import { holidayWords } from "./hours-holidays.js";

const opensAt = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export function weekView() {
  const status = h("p", { class: "open-status", id: "team-open-status", "aria-live": "polite" });
  const zone = h("p", { class: "muted", id: "week-zone" });
  const tbody = h("tbody");
  const holidays = h("p", { class: "muted", id: "week-holidays" });
  const el = h("section", { class: "week-view", id: "week-view", "aria-labelledby": "week-view-heading" },
    h("h3", { id: "week-view-heading" }, "Week view"),
    status, zone,
    h("table", { class: "week" },
      h("caption", { class: "visually-hidden" }, "Open hours each day of the week"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"),
        h("th", { scope: "col", class: "track-head" }, h("span", { "aria-hidden": "true", class: "hour-marks" },
          ["00", "06", "12", "18", "24"].map((t) => h("span", {}, t))), h("span", { class: "visually-hidden" }, "Open on a 24-hour line")),
        h("th", { scope: "col" }, "Open"))),
      tbody),
    holidays);

  /** hours: the GET/PUT …/hours answer; open: the GET …/open answer (or the hours' own open and next_open_at). */
  function show(hours, open) {
    if (open.open) fill(status, h("span", { class: "dot dot-live", "aria-hidden": "true" }), " Open now");
    else {
      const next = parseUtc(open.next_open_at);
      fill(status, h("span", { class: "dot dot-offline", "aria-hidden": "true" }),
        next ? ` Closed · opens at ${opensAt.format(next)} (your time)` : " Closed · no opening in the next 400 days");
    }
    fill(zone, hours.timezone ? `Times in ${hours.timezone}.` : "No business hours: the team is always open.");
    const byDay = segmentsByDay(hours.timezone ? hours.weekly : DAYS.map(([day]) => ({ day, from: "00:00", to: "00:00" })));
    fill(tbody, DAYS.map(([day, name]) => {
      const segments = byDay[day];
      const track = h("div", { class: "track", "aria-hidden": "true" }, segments.map((s) => {
        const bar = h("span", { class: "bar", title: s.text });
        // Through the style object, never a style attribute: the CSP allows the one, not the other.
        bar.style.left = `${(s.start / 1440) * 100}%`;
        bar.style.width = `${((s.end - s.start) / 1440) * 100}%`;
        return bar;
      }));
      return h("tr", { dataset: { day } },
        h("th", { scope: "row" }, name),
        h("td", { class: "track-cell" }, track),
        h("td", { class: "open-text" }, segments.length ? segments.map((s) => s.text).join(", ") : "Closed"));
    }));
    fill(holidays, hours.holidays?.length ? `Closed on holidays: ${hours.holidays.map(holidayWords).join("; ")}.` : "");
    holidays.hidden = !hours.holidays?.length;
  }

  return { el, show };
}

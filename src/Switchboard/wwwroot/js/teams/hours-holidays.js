// The hours editor's holidays: dates (the team's local dates) on which no span starts, each removable, and a date
// field with "Add holiday". A night shift belongs to the day it starts, so a holiday cancels the night that begins on it.
import { h, fill } from "../dom.js";
import { errorLine } from "../forms.js";

const format = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "2026-12-25" → "Fri, 25 December 2026" (a date, not an instant: read as UTC so no zone moves it). */
export const holidayWords = (date) => format.format(new Date(`${date}T00:00:00Z`));

export function hoursHolidays() {
  let dates = [];
  const list = h("ul", { class: "holiday-list", id: "holiday-list", "aria-label": "Holidays" });
  const input = h("input", { type: "date", id: "holiday-date", "aria-describedby": "holidays-hint holidays-error" });
  const add = h("button", { type: "button", id: "add-holiday" }, "Add holiday");
  const error = errorLine("holidays-error");
  const empty = h("p", { class: "muted", id: "holidays-empty" }, "No holidays.");

  function draw() {
    fill(list, dates.map((date) => h("li", { dataset: { date } },
      h("span", {}, holidayWords(date)), " ",
      h("button", { type: "button", class: "link-button", "aria-label": `Remove holiday ${holidayWords(date)}`, onClick: () => {
        dates = dates.filter((d) => d !== date);
        draw();
        input.focus();
      } }, "Remove"))));
    list.hidden = dates.length === 0;
    empty.hidden = dates.length > 0;
  }

  add.addEventListener("click", () => {
    fill(error);
    if (!input.value) {
      fill(error, "Choose a date first.");
      input.focus();
      return;
    }
    if (!dates.includes(input.value)) dates = [...dates, input.value].sort();
    input.value = "";
    draw();
    input.focus();
  });

  const el = h("fieldset", { class: "holidays", id: "hours-holidays" },
    h("legend", {}, "Holidays"),
    h("p", { class: "hint", id: "holidays-hint" }, "Closed all day: spans that start on these dates (the team's own dates) do not open."),
    list, empty,
    h("div", { class: "inline" }, h("label", { for: "holiday-date" }, "Holiday date"), input, add),
    error);
  draw();

  return {
    el,
    read: () => dates,
    set(values) {
      dates = [...values].sort();
      draw();
    },
    setError(text) {
      fill(error, text ?? "");
    },
  };
}

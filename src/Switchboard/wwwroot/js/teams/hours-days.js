// The hours editor's week: one group per day with its spans (From, To, Remove) and "Add a span". A span whose To
// is not after its From runs past midnight, and the row says so as it is typed ("closes 06:00 the next day").
import { h, fill, uid } from "../dom.js";
import { errorLine } from "../forms.js";
import { DAYS, crossesMidnight, spanWords } from "./hours-model.js";

export function hoursDays() {
  const groups = new Map();
  const error = errorLine("hours-weekly-error");

  function spanRow(day, dayName, span = { from: "09:00", to: "17:00" }) {
    const id = uid(`span-${day}`);
    const number = () => [...groups.get(day).list.children].indexOf(row) + 1;
    const from = h("input", { type: "time", id: `${id}-from`, value: span.from, required: true, "aria-describedby": `${id}-note` });
    // A time field cannot hold "24:00"; midnight as an end is the same instant written "00:00".
    const to = h("input", { type: "time", id: `${id}-to`, value: span.to === "24:00" ? "00:00" : span.to, required: true, "aria-describedby": `${id}-note` });
    const note = h("span", { class: "hint span-note", id: `${id}-note` });
    const remove = h("button", { type: "button", class: "link-button" }, "Remove");
    const row = h("li", { class: "span-row", dataset: { day } },
      h("label", { for: from.id }, "From"), from,
      h("label", { for: to.id }, "To"), to,
      remove, note);
    const describe = () => {
      const value = { from: from.value, to: to.value };
      fill(note, from.value && to.value ? (crossesMidnight(value) ? `Past midnight: ${spanWords(value)}` : spanWords(value)) : "");
      remove.setAttribute("aria-label", `Remove ${dayName} span ${number()}`);
    };
    from.addEventListener("input", describe);
    to.addEventListener("input", describe);
    remove.addEventListener("click", () => {
      const group = groups.get(day);
      row.remove();
      for (const r of group.list.children) r.describe();
      group.add.focus();
    });
    row.describe = describe;
    row.read = () => ({ day, from: from.value, to: to.value });
    return { row, from };
  }

  const el = h("fieldset", { class: "hours-week", id: "hours-weekly", "aria-describedby": "hours-weekly-hint hours-weekly-error" },
    h("legend", {}, "Open hours each week"),
    h("p", { class: "hint", id: "hours-weekly-hint" }, "Times are in the team's time zone. A span whose end is not after its start closes the next day (a night shift). No spans at all: the team is closed every day."),
    DAYS.map(([day, name]) => {
      const list = h("ul", { class: "span-list", "aria-label": `${name} spans` });
      const add = h("button", { type: "button", "aria-label": `Add a span on ${name}` }, "Add a span");
      add.addEventListener("click", () => {
        const { row, from } = spanRow(day, name);
        list.append(row);
        row.describe();
        from.focus();
      });
      groups.set(day, { list, add, name });
      return h("fieldset", { class: "hours-day", dataset: { day } }, h("legend", {}, name), list, add);
    }),
    error);

  return {
    el,
    /** The spans as PUT …/hours takes them, Monday first. */
    read: () => [...groups.values()].flatMap((g) => [...g.list.children].map((r) => r.read())),
    set(weekly) {
      for (const [day, group] of groups) {
        fill(group.list, weekly.filter((s) => s.day === day).map((s) => spanRow(day, group.name, s).row));
        for (const r of group.list.children) r.describe();
      }
    },
    setError(text) {
      fill(error, text ?? "");
    },
  };
}

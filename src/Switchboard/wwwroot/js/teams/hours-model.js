// Business hours as the week view and the editor read them (docs/routing.md, "Business hours"): a span opens on its
// day at `from` and closes at `to` the same day when `to` is later, else the next day; `from` = `to` is 24 hours;
// "24:00" ends at midnight. Plain functions, no DOM.

export const DAYS = [
  ["mon", "Monday"], ["tue", "Tuesday"], ["wed", "Wednesday"], ["thu", "Thursday"],
  ["fri", "Friday"], ["sat", "Saturday"], ["sun", "Sunday"],
];
export const dayName = (day) => DAYS.find(([d]) => d === day)?.[1] ?? day;

/** "22:00" → 1320; "24:00" → 1440. */
export const minutes = (text) => {
  const [hh, mm] = String(text).split(":").map(Number);
  return hh * 60 + mm;
};

const clock = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** How long a span lasts, in minutes (a `to` not after `from` runs into the next day). */
function length(span) {
  const from = minutes(span.from);
  const to = span.to === "24:00" ? 1440 : minutes(span.to);
  return to > from ? to - from : to + 1440 - from;
}

/** True when the span closes on the next day (past midnight). */
export const crossesMidnight = (span) => minutes(span.from) + length(span) > 1440;

/** "22:00 to 06:00 the next day", "09:00 to 17:00", "00:00 for 24 hours". */
export function spanWords(span) {
  const len = length(span);
  if (len === 1440 && minutes(span.from) === 0) return "all day";
  if (len === 1440) return `${span.from} for 24 hours`;
  return crossesMidnight(span) ? `${span.from} to ${span.to} the next day` : `${span.from} to ${span.to === "24:00" ? "midnight" : span.to}`;
}

/**
 * Each day's open stretches in minutes from its midnight, a span past midnight split in two (Sunday night runs into
 * Monday): { mon: [{start, end, text}], … }.
 */
export function segmentsByDay(weekly) {
  const byDay = Object.fromEntries(DAYS.map(([d]) => [d, []]));
  for (const span of weekly) {
    const index = DAYS.findIndex(([d]) => d === span.day);
    if (index < 0) continue;
    const start = minutes(span.from);
    const end = start + length(span);
    byDay[span.day].push({ start, end: Math.min(end, 1440), text: `${clock(start)}–${clock(Math.min(end, 1440))}` });
    if (end > 1440) {
      const next = DAYS[(index + 1) % 7];
      byDay[next[0]].push({ start: 0, end: end - 1440, text: `00:00–${clock(end - 1440)} (from ${DAYS[index][1]})` });
    }
  }
  for (const list of Object.values(byDay)) list.sort((a, b) => a.start - b.start);
  return byDay;
}

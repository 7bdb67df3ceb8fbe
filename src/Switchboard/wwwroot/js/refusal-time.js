// When to try again, in words: a spent invitation budget's clock time ("at 14:05", "tomorrow at 09:30") and a
// Retry-After's wait ("in 2 minutes"), for the refusals refusal.js words.

/** "Invitation budget for today is spent — try again at 14:05" (or "tomorrow at …"), from Retry-After's seconds. */
export function budgetSpent(retryAfter, now = new Date()) {
  if (!retryAfter) return "Invitation budget for today is spent — try again later.";
  return `Invitation budget for today is spent — try again ${clockAfter(retryAfter, now)}.`;
}

/** "at 14:05" or "tomorrow at 09:30": the local time `seconds` from `now` (a minute up, so it is never early). */
export function clockAfter(seconds, now = new Date()) {
  const at = new Date(now.getTime() + seconds * 1000);
  if (at.getSeconds() > 0 || at.getMilliseconds() > 0) at.setMinutes(at.getMinutes() + 1, 0, 0);
  const time = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
  const day = (d) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  if (day(at) === day(now)) return `at ${time}`;
  if (day(at) === day(tomorrow)) return `tomorrow at ${time}`;
  return `on ${at.toLocaleDateString(undefined, { day: "numeric", month: "long" })} at ${time}`;
}

/** "in 45 seconds", "in 2 minutes", "in about 1 hour". */
export function inTime(seconds) {
  if (seconds <= 1) return "in a second";
  if (seconds < 60) return `in ${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  const hours = Math.round(minutes / 60);
  return `in about ${hours} ${hours === 1 ? "hour" : "hours"}`;
}

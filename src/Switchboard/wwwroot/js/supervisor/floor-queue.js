// The waiting queue in routing's order (priority, then age): each conversation's age, priority, team and whether
// its first-response target is near or missed. The head is listed (the server sends up to 200); the count is all.
import { h, fill, parseUtc, capitalize } from "../dom.js";
import { duration } from "./floor-time.js";

const SHOWN = 10;
const SLA_TEXT = { warned: "first response due soon", breached: "first response overdue" };

export function floorQueue() {
  const total = h("p", { class: "queue", id: "supervisor-queue" });
  const wait = h("p", { class: "muted", id: "supervisor-wait" });
  const list = h("ol", { class: "waiting-list", id: "waiting-list", "aria-label": "Waiting conversations, next first" });
  const more = h("p", { class: "muted", id: "waiting-more" });
  const el = h("section", { class: "card", "aria-labelledby": "queue-heading", id: "queue" },
    h("h2", { id: "queue-heading" }, "Queue"), total, wait, list, more);

  /** `waiting`: the queue head to show (already narrowed to a team); `count`: how many wait in that scope. */
  function draw({ waiting, count, longestSince, teamName, now }) {
    fill(total, h("strong", {}, `${count} ${count === 1 ? "conversation" : "conversations"} waiting`));
    const oldest = parseUtc(longestSince);
    fill(wait, oldest ? `Longest wait: ${duration(now - oldest.getTime())}` : "Nobody is waiting.");
    fill(list, waiting.slice(0, SHOWN).map((w) => {
      const since = parseUtc(w.created_at);
      const team = w.team_id ? teamName(w.team_id) : null;
      return h("li", { dataset: { conversationId: w.conversation_id, priority: w.priority } },
        h("strong", {}, since ? `Waiting ${duration(now - since.getTime())}` : "Waiting"),
        ` · ${capitalize(w.priority)} priority`,
        team ? ` · ${team}` : " · any team",
        SLA_TEXT[w.sla_state] ? h("span", { class: `sla ${w.sla_state}` }, ` · ${SLA_TEXT[w.sla_state]}`) : null);
    }));
    list.hidden = waiting.length === 0;
    fill(more, count > SHOWN ? `and ${count - Math.min(SHOWN, waiting.length)} more` : "");
  }
  return { el, draw };
}

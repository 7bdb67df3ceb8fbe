// Supervisor (owners and admins): the queue — how many conversations wait and for how long the oldest has —
// and every member by status, with how long they have had it and their load against their capacity.
// It reads GET /api/v1/team/supervisor again when a socket event says something moved (a status, a new,
// assigned or finished conversation, a member); nothing is polled. Durations tick on the page itself.
import { h, fill, parseUtc, cell, capitalize } from "../dom.js";
import { api } from "../api.js";
import { onRealtime } from "../realtime.js";
import { statusDot } from "../status-switcher.js";
import { explain } from "../refusal.js";

const ORDER = ["live", "away", "offline"];
const STATUS_TEXT = { live: "Live", away: "Away", offline: "Offline" };

/** "4 min", "2 h 5 min", "3 d 2 h", "under a minute". */
export function duration(ms) {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export async function supervisorPage(main, app) {
  const ctx = app.ctx;
  const queue = h("p", { class: "queue", id: "supervisor-queue" });
  const wait = h("p", { class: "muted", id: "supervisor-wait" });
  const counts = h("ul", { class: "status-counts", id: "supervisor-counts" });
  const tbody = h("tbody", {}, Array.from({ length: 4 }, () => h("tr", { class: "skeleton-row", "aria-hidden": "true" },
    Array.from({ length: 5 }, () => h("td", {}, h("span", { class: "skeleton" }))))));
  const table = h("table", { class: "responsive supervisor", "aria-busy": "true" },
    h("caption", { class: "visually-hidden" }, "Members by status, with time in status and load"),
    h("thead", {}, h("tr", {}, ["Member", "Status", "In status for", "Seat", "Open conversations"].map((c) => h("th", { scope: "col" }, c)))),
    tbody);
  const error = h("p", { class: "error", role: "alert", id: "supervisor-error" });
  main.append(
    h("h1", {}, "Supervisor"),
    h("div", { class: "supervisor-grid" },
      h("section", { class: "card", "aria-labelledby": "queue-heading", id: "queue" },
        h("h2", { id: "queue-heading" }, "Queue"), queue, wait),
      h("section", { class: "card", "aria-labelledby": "counts-heading", id: "by-status" },
        h("h2", { id: "counts-heading" }, "Agents by status"), counts)),
    h("section", { class: "card", "aria-labelledby": "agents-heading", id: "agents" },
      h("h2", { id: "agents-heading" }, "Members"),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": "agents-heading" }, table)),
    error);

  let view = null;
  function draw() {
    if (!view) return;
    const now = Date.now();
    const waiting = view.queue_length;
    fill(queue, h("strong", {}, `${waiting} ${waiting === 1 ? "conversation" : "conversations"} waiting`));
    const oldest = parseUtc(view.longest_waiting_since);
    fill(wait, oldest ? `Longest wait: ${duration(now - oldest.getTime())}` : "Nobody is waiting.");
    const by = Object.fromEntries(ORDER.map((s) => [s, view.agents.filter((a) => a.status === s)]));
    fill(counts, ORDER.map((s) => h("li", { dataset: { status: s } }, statusDot(s), `${STATUS_TEXT[s]}: `, h("strong", {}, String(by[s].length)))));
    fill(tbody, ORDER.flatMap((s) => by[s]).map((a) => {
      const since = parseUtc(a.status_since);
      return h("tr", { dataset: { memberId: a.member_id, status: a.status } },
        cell("Member", { class: "name" }, h("span", { class: "truncate", title: `${a.name} (${a.email})` }, a.name)),
        cell("Status", { class: "status" }, statusDot(a.status), STATUS_TEXT[a.status] ?? a.status),
        cell("In status for", { class: "since" }, since ? h("time", { datetime: since.toISOString() }, duration(now - since.getTime())) : "—"),
        cell("Seat", {}, capitalize(a.seat)),
        cell("Open conversations", { class: "load" }, a.seat === "lite" ? "—" : `${a.load} of ${a.capacity}`));
    }));
    table.removeAttribute("aria-busy");
  }

  let loading = null;
  let again = false;
  async function reload() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        view = await api("GET", "/api/v1/team/supervisor");
        fill(error);
        draw();
      } while (again);
    })().catch((e) => {
      fill(error, explain(e, { action: "supervise the queue", role: ctx.role }).text);
    }).finally(() => {
      loading = null;
    });
    return loading;
  }

  await reload();
  // Durations age on screen; the data itself changes only when an event says so.
  const tick = setInterval(draw, 30_000);
  const offs = ["agent_status_changed", "conversation_created", "conversation_updated", "conversation_assigned",
    "member_joined", "member_removed", "member_updated", "workspace_updated"].map((name) => onRealtime(name, () => reload()));
  offs.push(onRealtime("state", (s) => {
    if (s === "connected") reload();
  }));
  return () => {
    clearInterval(tick);
    offs.forEach((off) => off());
  };
}

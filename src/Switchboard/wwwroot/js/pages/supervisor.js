// Supervisor (owners and admins): the floor at a glance — the queue (how many conversations wait and for how long
// the oldest has), live counts per status, and the members with their status, how long they have had it and their
// load against their capacity: searched, filtered by status and paged on the page (50 rows, never 1,000).
// It reads GET /api/v1/team/supervisor once; a status change is applied to what is shown as a patch (no read),
// and the events that move the queue or the team ask for one read a second at most. Durations tick on the page.
import { h, fill, parseUtc, cell, capitalize } from "../dom.js";
import { api } from "../api.js";
import { onRealtime } from "../realtime.js";
import { statusDot } from "../status-switcher.js";
import { explain } from "../refusal.js";
import { atMostOncePer } from "../live-reads.js";
import { pager, showing } from "../pager.js";

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
  const search = h("input", { type: "search", id: "agent-search", autocomplete: "off", placeholder: "Name or email", maxlength: 255 });
  const statusFilter = h("select", { id: "agent-status-filter" },
    [["", "Any status"], ...ORDER.map((s) => [s, STATUS_TEXT[s]])].map(([v, t]) => h("option", { value: v }, t)));
  const seatFilter = h("select", { id: "agent-seat-filter" },
    [["", "Any seat"], ["full", "Full (handles conversations)"], ["lite", "Lite"]].map(([v, t]) => h("option", { value: v }, t)));
  const toolbar = h("div", { class: "toolbar", role: "search", "aria-label": "Find members on the floor" },
    h("div", { class: "filter search" }, h("label", { for: "agent-search" }, "Search members"), search),
    h("div", { class: "filter" }, h("label", { for: "agent-status-filter" }, "Status"), statusFilter),
    h("div", { class: "filter" }, h("label", { for: "agent-seat-filter" }, "Seat"), seatFilter));
  const tbody = h("tbody", {}, Array.from({ length: 4 }, () => h("tr", { class: "skeleton-row", "aria-hidden": "true" },
    Array.from({ length: 5 }, () => h("td", {}, h("span", { class: "skeleton" }))))));
  const table = h("table", { class: "responsive supervisor", "aria-busy": "true" },
    h("caption", { class: "visually-hidden" }, "Members by status, with time in status and load"),
    h("thead", {}, h("tr", {}, ["Member", "Status", "In status for", "Seat", "Open conversations"].map((c) => h("th", { scope: "col" }, c)))),
    tbody);
  const empty = h("p", { class: "muted", id: "agents-empty", hidden: true }, "Nobody matches. Try another search or clear the filters.");
  const error = h("p", { class: "error", role: "alert", id: "supervisor-error" });
  const pages = pager({ id: "agents", label: "Members", describe: (m) => showing(m, filtering() ? "matching members" : "members"), onChange: () => draw() });
  main.append(
    h("h1", {}, "Supervisor"),
    h("div", { class: "supervisor-grid" },
      h("section", { class: "card", "aria-labelledby": "queue-heading", id: "queue" },
        h("h2", { id: "queue-heading" }, "Queue"), queue, wait),
      h("section", { class: "card", "aria-labelledby": "counts-heading", id: "by-status" },
        h("h2", { id: "counts-heading" }, "Agents by status"), counts)),
    h("section", { class: "card", "aria-labelledby": "agents-heading", id: "agents" },
      h("h2", { id: "agents-heading" }, "Members"), toolbar, pages.top,
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Members on the floor, table (scrolls sideways when narrow)" }, table),
      empty, pages.bottom),
    error);

  let view = null;
  const filtering = () => search.value.trim() !== "" || statusFilter.value !== "" || seatFilter.value !== "";
  const rank = (a) => ORDER.indexOf(a.status);

  function matching() {
    const q = search.value.trim().toLowerCase();
    return view.agents
      .filter((a) => (!statusFilter.value || a.status === statusFilter.value) && (!seatFilter.value || a.seat === seatFilter.value)
        && (!q || a.name.toLowerCase().includes(q) || a.email.toLowerCase().includes(q)))
      // By status (live first), then by name: the same order on every page.
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }

  function row(a, now) {
    const since = parseUtc(a.status_since);
    return h("tr", { dataset: { memberId: a.member_id, status: a.status } },
      cell("Member", { class: "name" }, h("span", { class: "truncate", title: `${a.name} (${a.email})` }, a.name)),
      cell("Status", { class: "status" }, statusDot(a.status), STATUS_TEXT[a.status] ?? a.status),
      cell("In status for", { class: "since" }, since ? h("time", { datetime: since.toISOString() }, duration(now - since.getTime())) : "—"),
      cell("Seat", {}, capitalize(a.seat)),
      cell("Open conversations", { class: "load" }, a.seat === "lite" ? "—" : `${a.load} of ${a.capacity}`));
  }

  function draw() {
    if (!view) return;
    const now = Date.now();
    const waiting = view.queue_length;
    fill(queue, h("strong", {}, `${waiting} ${waiting === 1 ? "conversation" : "conversations"} waiting`));
    const oldest = parseUtc(view.longest_waiting_since);
    fill(wait, oldest ? `Longest wait: ${duration(now - oldest.getTime())}` : "Nobody is waiting.");
    const by = Object.fromEntries(ORDER.map((s) => [s, 0]));
    for (const a of view.agents) by[a.status] = (by[a.status] ?? 0) + 1;
    fill(counts, ORDER.map((s) => h("li", { dataset: { status: s } }, statusDot(s), `${STATUS_TEXT[s]}: `, h("strong", {}, String(by[s])))));
    const found = matching();
    const lastPage = Math.max(1, Math.ceil(found.length / pages.size));
    if (pages.page > lastPage) pages.page = lastPage;
    const first = (pages.page - 1) * pages.size;
    fill(tbody, found.slice(first, first + pages.size).map((a) => row(a, now)));
    pages.set({ current_page: pages.page, last_page: lastPage, per_page: pages.size, total: found.length });
    table.hidden = found.length === 0;
    empty.hidden = found.length > 0;
    table.removeAttribute("aria-busy");
  }

  search.addEventListener("input", () => {
    pages.page = 1;
    draw();
  });
  for (const select of [statusFilter, seatFilter]) {
    select.addEventListener("change", () => {
      pages.page = 1;
      draw();
    });
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
      // No skeleton left pretending something is coming.
      if (!view) {
        fill(tbody);
        table.hidden = true;
        table.removeAttribute("aria-busy");
      }
    }).finally(() => {
      loading = null;
    });
    return loading;
  }
  const reloadSoon = atMostOncePer(reload);

  /** agent_status_changed as a patch: the agent's status and "since" change here, with no read. */
  function patchStatus(event) {
    const agent = view?.agents.find((a) => a.member_id === event.member_id);
    if (!agent) return reloadSoon(); // someone this view has not read yet
    if (agent.status === event.status) return;
    agent.status = event.status;
    agent.status_since = new Date().toISOString();
    drawSoon();
  }
  // Patches of one frame are drawn together: 100 status changes at once are a few redraws, not 100.
  let frame = 0;
  const drawSoon = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  };

  await reload();
  // Durations age on screen; the data itself changes only when an event says so.
  const tick = setInterval(draw, 30_000);
  const offs = ["conversation_created", "conversation_updated", "conversation_assigned",
    "member_joined", "member_removed", "member_updated", "member_suspended", "member_restored", "workspace_updated"]
    .map((name) => onRealtime(name, reloadSoon));
  offs.push(onRealtime("agent_status_changed", patchStatus));
  let wasDown = false;
  offs.push(onRealtime("state", (s) => {
    if (s === "disconnected") wasDown = true;
    else if (s === "connected" && wasDown) {
      wasDown = false;
      reloadSoon();
    }
  }));
  return () => {
    clearInterval(tick);
    cancelAnimationFrame(frame);
    reloadSoon.cancel();
    offs.forEach((off) => off());
  };
}

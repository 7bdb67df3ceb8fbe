// Supervisor (owners and admins): the floor at a glance — the waiting queue with each conversation's age, live
// counts per status, and the members with their status, time in it and open load against capacity: searched,
// filtered by status, seat and team, and paged (50 rows, never 1,000). The parts live in ../supervisor/.
// It reads GET /api/v1/team/supervisor and /api/v1/team/teams; a status change or a member's new seat is applied
// as a patch (no read), and the events that move the queue or the team ask for one read a second at most.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { onRealtime } from "../realtime.js";
import { statusDot } from "../status-switcher.js";
import { explain } from "../refusal.js";
import { atMostOncePer } from "../live-reads.js";
import { foldedReads } from "../folded-reads.js";
import { floorFilters, ORDER, STATUS_TEXT } from "../supervisor/floor-filters.js";
import { floorQueue } from "../supervisor/floor-queue.js";
import { floorTable } from "../supervisor/floor-table.js";
import { floorPatches } from "../supervisor/floor-patches.js";

export async function supervisorPage(main, app) {
  const ctx = app.ctx;
  const counts = h("ul", { class: "status-counts", id: "supervisor-counts", "aria-live": "polite" });
  const error = h("p", { class: "error", role: "alert", id: "supervisor-error" });
  const filters = floorFilters(() => {
    table.firstPage();
    draw();
  });
  const table = floorTable({ filtering: () => filters.filtering(), onPage: () => draw() });
  const queue = floorQueue();
  main.append(
    h("h1", {}, "Supervisor"),
    h("div", { class: "supervisor-grid" }, queue.el,
      h("section", { class: "card", "aria-labelledby": "counts-heading", id: "by-status" },
        h("h2", { id: "counts-heading" }, "Agents by status"), counts)),
    h("section", { class: "card", "aria-labelledby": "agents-heading", id: "agents" },
      h("h2", { id: "agents-heading" }, "Members"), filters.el, table.top, ...table.body),
    error);

  let view = null;
  function draw() {
    if (!view) return;
    const now = Date.now();
    const team = filters.inTeam(view.agents);
    const teamQueue = filters.queueOf(view.queue);
    const whole = teamQueue === view.queue;
    queue.draw({ waiting: teamQueue, count: whole ? view.queue_length : teamQueue.length, now, teamName: filters.teamName,
      longestSince: whole ? view.longest_waiting_since : teamQueue.map((w) => w.created_at).sort()[0] ?? null });
    const by = Object.fromEntries(ORDER.map((s) => [s, 0]));
    for (const a of team) by[a.status] = (by[a.status] ?? 0) + 1;
    fill(counts, ORDER.map((s) => h("li", { dataset: { status: s } }, statusDot(s), `${STATUS_TEXT[s]}: `, h("strong", {}, String(by[s])))));
    table.draw(team.filter(filters.matches), now);
  }

  const reload = foldedReads(() => Promise.all([api("GET", "/api/v1/team/supervisor"), api("GET", "/api/v1/team/teams")]), {
    take([floor, teams]) {
      view = floor;
      filters.setTeams(teams);
      fill(error);
      draw();
      return false;
    },
    failed(e) {
      fill(error, explain(e, { action: "supervise the queue", role: ctx.role }).text);
      if (!view) table.clear();
    },
  });
  const reloadSoon = atMostOncePer(reload);

  const patches = floorPatches({ view: () => view, draw, reloadSoon });

  await reload();
  // Durations age on screen; the data itself changes only when an event says so.
  const tick = setInterval(draw, 30_000);
  const offs = ["conversation_created", "conversation_updated", "conversation_assigned",
    "member_joined", "member_removed", "member_suspended", "member_restored", "workspace_updated"]
    .map((name) => onRealtime(name, reloadSoon));
  offs.push(onRealtime("agent_status_changed", patches.status), onRealtime("member_updated", patches.member));
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
    patches.cancel();
    reloadSoon.cancel();
    offs.forEach((off) => off());
  };
}

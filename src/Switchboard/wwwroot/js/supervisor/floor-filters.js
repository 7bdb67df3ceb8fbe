// The supervisor's filters: search by name or email, status, seat and team (GET /api/v1/team/teams names each
// team's members). A team filter narrows the counts and the queue too; status and search narrow only the table.
import { h, fill } from "../dom.js";

export const ORDER = ["live", "away", "offline"];
export const STATUS_TEXT = { live: "Live", away: "Away", offline: "Offline" };

const choice = (id, label, options) => {
  const select = h("select", { id }, options.map(([v, t]) => h("option", { value: v }, t)));
  return { select, el: h("div", { class: "filter" }, h("label", { for: id }, label), select) };
};

export function floorFilters(onChange) {
  const search = h("input", { type: "search", id: "agent-search", autocomplete: "off", placeholder: "Name or email", maxlength: 255 });
  const status = choice("agent-status-filter", "Status", [["", "Any status"], ...ORDER.map((s) => [s, STATUS_TEXT[s]])]);
  const seat = choice("agent-seat-filter", "Seat", [["", "Any seat"], ["full", "Full (handles conversations)"], ["lite", "Lite"]]);
  const team = choice("agent-team-filter", "Team", [["", "Every team"]]);
  const el = h("div", { class: "toolbar", role: "search", "aria-label": "Find members on the floor" },
    h("div", { class: "filter search" }, h("label", { for: "agent-search" }, "Search members"), search),
    status.el, seat.el, team.el);
  search.addEventListener("input", onChange);
  for (const s of [status.select, seat.select, team.select]) s.addEventListener("change", onChange);

  let teams = [];
  const chosenTeam = () => teams.find((t) => t.id === team.select.value) ?? null;
  return {
    el,
    /** The teams as last read; a chosen team that no longer exists falls back to every team. */
    setTeams(list) {
      teams = list ?? [];
      const keep = team.select.value;
      fill(team.select, h("option", { value: "" }, "Every team"), teams.map((t) => h("option", { value: t.id }, t.name)));
      team.select.value = teams.some((t) => t.id === keep) ? keep : "";
    },
    filtering: () => search.value.trim() !== "" || status.select.value !== "" || seat.select.value !== "" || team.select.value !== "",
    /** Members of the chosen team (all when none is chosen): what the counts and the table start from. */
    inTeam(agents) {
      const t = chosenTeam();
      if (!t) return agents;
      const ids = new Set(t.member_ids);
      return agents.filter((a) => ids.has(a.member_id));
    },
    /** Waiting conversations of the chosen team (all when none is chosen). */
    queueOf: (queue) => (chosenTeam() ? queue.filter((w) => w.team_id === chosenTeam().id) : queue),
    teamName: (id) => teams.find((t) => t.id === id)?.name ?? null,
    matches(a) {
      const q = search.value.trim().toLowerCase();
      return (!status.select.value || a.status === status.select.value) && (!seat.select.value || a.seat === seat.select.value)
        && (!q || a.name.toLowerCase().includes(q) || a.email.toLowerCase().includes(q));
    },
  };
}

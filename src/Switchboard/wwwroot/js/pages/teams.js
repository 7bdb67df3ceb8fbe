// Teams (owners and admins): the workspace's routing teams with their member counts and whether they keep business
// hours, and a form to create one (GET/POST /api/v1/team/teams). Each name leads to the team's own page, where it is
// renamed, deleted, staffed and given hours (pages/team-detail.js). Changes made elsewhere show live (team_updated).
import { h, fill, cell, truncated } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { toast } from "../toast.js";
import { serialReads } from "../serial-reads.js";
import { onTeamChanges } from "../teams/team-changes.js";

export async function teamsPage(main, app) {
  const tbody = h("tbody");
  const table = h("table", { class: "teams responsive", id: "teams-table" },
    h("caption", { class: "visually-hidden" }, `Teams of ${app.ctx.workspace.name}`),
    h("thead", {}, h("tr", {}, ["Team", "Members", "Business hours"].map((c) => h("th", { scope: "col" }, c)))),
    tbody);
  const count = h("span", { class: "count" });
  const name = textField({ label: "Team name", name: "name", maxlength: 100, autocomplete: "off",
    hint: "Unique in the workspace, whatever the case (1–100 characters)." });
  const create = form({
    label: "Create a team",
    fields: [name],
    submitLabel: "Create team",
    async onSubmit(values, f) {
      try {
        const team = await api("POST", "/api/v1/team/teams", { name: values.name });
        toast(`Team ${team.name} created.`, { kind: "success" });
        name.input.value = "";
        await reread();
        document.querySelector(`#teams-table a[data-team-id="${CSS.escape(team.id)}"]`)?.focus();
      } catch (error) {
        f.showError(error, { action: "create teams", role: app.ctx.role });
      }
    },
  });

  main.append(
    h("p", { class: "breadcrumb" }, "Settings → Teams"),
    h("h1", {}, "Teams"),
    h("p", { class: "muted" }, "Routing gives a conversation that names a team only to that team's members, and only while the team is open."),
    h("div", { class: "team-grid" },
      h("section", { class: "card", "aria-labelledby": "teams-heading", id: "teams" },
        h("h2", { id: "teams-heading", tabindex: -1 }, "Teams ", count),
        h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Teams table (scrolls sideways when narrow)" }, table)),
      h("section", { class: "card", "aria-labelledby": "create-team-heading", id: "create-team" },
        h("h2", { id: "create-team-heading" }, "Create a team"), create.el)));

  async function read() {
    const teams = await api("GET", "/api/v1/team/teams");
    // A redraw under the keyboard keeps its place: the link that had focus has it again.
    const focused = tbody.contains(document.activeElement) ? document.activeElement.dataset.teamId : null;
    fill(count, `(${teams.length.toLocaleString()})`);
    fill(tbody, teams.map((team) => h("tr", { dataset: { teamId: team.id } },
      cell("Team", { class: "name" }, h("a", { href: `/teams/${encodeURIComponent(team.id)}`, dataset: { teamId: team.id } },
        truncated(team.name)), team.is_default ? h("span", { class: "badge" }, "Default") : null),
      cell("Members", { class: "member-count" }, memberCount(team.member_count)),
      cell("Business hours", { class: "hours" }, team.has_hours ? "Keeps business hours" : "Always open"))));
    if (focused) tbody.querySelector(`a[data-team-id="${CSS.escape(focused)}"]`)?.focus();
  }
  const reread = serialReads(read);
  await reread();
  // Any team's change, or a member's, may move this list: read it again (quietly; the next event tries again).
  return onTeamChanges(() => reread().catch(() => {}));
}

export const memberCount = (n) => `${n.toLocaleString()} ${n === 1 ? "member" : "members"}`;

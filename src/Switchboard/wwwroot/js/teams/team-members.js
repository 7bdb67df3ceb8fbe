// A team's members, one page at a time from the server (GET /app/members?team=…&sort=name&page=&page_size=), each
// with Remove (DELETE /api/v1/team/teams/{id}/members/{member_id}: they leave the team, not the workspace, so no
// confirmation; a toast says it). A team of 1,000 reads as fast as a team of 3.
import { h, fill, cell, truncated, capitalize } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";
import { pager, showing } from "../pager.js";

export function teamMembers(ctx, { getTeam, onChanged }) {
  const heading = h("h2", { id: "team-members-heading", tabindex: -1 }, "Members of this team");
  const tbody = h("tbody");
  const table = h("table", { class: "members responsive", id: "team-members-table" },
    h("caption", { class: "visually-hidden" }, "Members of this team"),
    h("thead", {}, h("tr", {}, ["Name", "Email", "Role", "Seat"].map((c) => h("th", { scope: "col" }, c)),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody);
  const empty = h("p", { class: "muted", id: "team-members-empty", hidden: true }, "Nobody is in this team yet. Find members below to add them.");
  const error = errorLine("team-members-error");
  const pages = pager({ id: "team-members", label: "Team members", describe: (m) => showing(m, "team members"), onChange: () => refresh(), fallback: 25 });
  const el = h("section", { class: "card", "aria-labelledby": "team-members-heading", id: "team-members" },
    heading, pages.top,
    h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Team members table (scrolls sideways when narrow)" }, table),
    empty, error, pages.bottom);

  let generation = 0;
  async function refresh() {
    const mine = ++generation;
    const query = new URLSearchParams({ team: getTeam().id, sort: "name", page: String(pages.page), page_size: String(pages.size) });
    try {
      const body = await api("GET", `/app/members?${query}`);
      if (mine !== generation) return;
      // Past the last page (someone was removed from it): show the last page there is.
      if (body.data.length === 0 && body.meta.total > 0 && pages.page > body.meta.last_page) {
        pages.page = body.meta.last_page;
        return refresh();
      }
      fill(error);
      fill(tbody, body.data.map(row));
      table.hidden = body.data.length === 0;
      empty.hidden = body.data.length > 0;
      pages.set(body.meta);
    } catch (e) {
      fill(error, explain(e, { action: "list this team's members", role: ctx.role }).text);
    }
  }

  function row(member) {
    const id = `team-remove-${member.id}`;
    const team = getTeam();
    const remove = h("button", { type: "button", id, class: "danger-outline", "aria-label": `Remove ${member.name} from ${team.name}`,
      "aria-describedby": `${id}-error` }, "Remove");
    const rowError = errorLine(`${id}-error`);
    remove.addEventListener("click", async () => {
      try {
        await api("DELETE", `/api/v1/team/teams/${encodeURIComponent(team.id)}/members/${encodeURIComponent(member.id)}`);
        toast(`${member.name} was taken out of ${team.name}.`, { kind: "success" });
        heading.focus();
        await onChanged();
      } catch (e) {
        fill(rowError, explain(e, { action: "change teams", role: ctx.role }).text);
      }
    });
    return h("tr", { dataset: { memberId: member.id } },
      cell("Name", { class: "name" }, truncated(member.name, "member-name")),
      cell("Email", { class: "email" }, truncated(member.email)),
      cell("Role", { class: "role" }, capitalize(member.role)),
      cell("Seat", { class: "seat" }, capitalize(member.seat)),
      cell("Actions", { class: "actions" }, h("div", { class: "row-actions" }, remove, rowError)));
  }

  return { el, refresh };
}

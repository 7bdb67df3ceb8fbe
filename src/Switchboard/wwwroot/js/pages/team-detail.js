// One routing team (owners and admins): its name (rename, delete), its members (paged from the server, found and
// added through the workspace's member search, removed), and its business hours with the week they draw. Nothing
// here loads the whole workspace: members come a page at a time (GET /app/members?team=…), search results ten.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { explain } from "../refusal.js";
import { memberCount } from "./teams.js";
import { teamName } from "../teams/team-name.js";
import { teamMembers } from "../teams/team-members.js";
import { memberPicker } from "../teams/member-picker.js";
import { hoursEditor } from "../teams/hours-editor.js";

export async function teamDetailPage(main, app, id) {
  const ctx = app.ctx;
  let team;
  try {
    team = await api("GET", `/api/v1/team/teams/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error.status !== 404 && error.status !== 422) throw error;
    main.append(h("section", { class: "card narrow", id: "team-missing" },
      h("h1", {}, "Team not found"),
      h("p", {}, "This team does not exist in this workspace, or it was deleted."),
      h("p", {}, h("a", { href: "/teams" }, "Back to the teams"))));
    return;
  }

  const title = h("h1", { class: "truncate-heading", id: "team-title" });
  const count = h("p", { class: "muted", id: "team-member-count" });
  const getTeam = () => team;
  const members = teamMembers(ctx, { getTeam, onChanged: () => reread() });
  const picker = memberPicker(ctx, { getTeam, onAdded: () => reread() });
  const name = teamName(ctx, app, { getTeam, onRenamed: () => reread() });
  const hours = hoursEditor(ctx, { getTeam });
  const readError = h("p", { class: "error", role: "alert", id: "team-read-error" });

  function show() {
    fill(title, team.name);
    title.title = team.name;
    fill(count, team.is_default
      ? `${memberCount(team.member_count)} · the default team: every new member joins it`
      : memberCount(team.member_count));
  }

  /** After a change: the team (name, member ids, count) and the members page are read again. */
  async function reread() {
    try {
      team = await api("GET", `/api/v1/team/teams/${encodeURIComponent(team.id)}`);
      fill(readError);
    } catch (error) {
      fill(readError, explain(error, { action: "read this team", role: ctx.role }).text);
      return;
    }
    show();
    await members.refresh();
    picker.redraw();
  }

  show();
  name.show();
  main.append(
    h("p", { class: "breadcrumb" }, h("a", { href: "/teams" }, "Teams"), " → ", team.name),
    title, count, readError,
    h("div", { class: "team-grid", "aria-busy": "true", id: "team-parts" }, members.el, picker.el, name.el, hours.el));
  try {
    await Promise.all([members.refresh(), hours.load()]);
  } finally {
    document.getElementById("team-parts")?.removeAttribute("aria-busy");
  }
}

// One routing team (owners and admins): its name (rename, delete), its members (paged from the server, found and
// added through the workspace's member search, removed), and its business hours with the week they draw. Nothing
// here loads the whole workspace: members come a page at a time (GET /app/members?team=…), search results ten.
// Another manager's changes show live (team_updated); a team deleted meanwhile says so, with the way back.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { explain } from "../refusal.js";
import { memberCount } from "./teams.js";
import { teamName } from "../teams/team-name.js";
import { teamMembers } from "../teams/team-members.js";
import { memberPicker } from "../teams/member-picker.js";
import { hoursEditor } from "../teams/hours-editor.js";
import { serialReads } from "../serial-reads.js";
import { onTeamChanges } from "../teams/team-changes.js";
import { teamGone } from "../teams/team-gone.js";

export async function teamDetailPage(main, app, id) {
  const ctx = app.ctx;
  let team;
  try {
    team = await api("GET", `/api/v1/team/teams/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error.status !== 404 && error.status !== 422) throw error;
    main.append(teamGone(null));
    return;
  }

  const title = h("h1", { class: "truncate-heading", id: "team-title" });
  const crumb = h("span", { id: "team-crumb" });
  const count = h("p", { class: "muted", id: "team-member-count" });
  const getTeam = () => team;
  const members = teamMembers(ctx, { getTeam, onChanged: () => reread() });
  const picker = memberPicker(ctx, { getTeam, onAdded: () => reread() });
  const name = teamName(ctx, app, { getTeam, onRenamed: () => reread() });
  const hours = hoursEditor(ctx, { getTeam });
  const readError = h("p", { class: "error", role: "alert", id: "team-read-error" });

  function show() {
    fill(title, team.name);
    fill(crumb, team.name);
    title.title = team.name;
    fill(count, team.is_default
      ? `${memberCount(team.member_count)} · the default team: every new member joins it`
      : memberCount(team.member_count));
  }

  /** After a change here or elsewhere: the team (name, member ids, count) and the members page are read again. */
  const reread = serialReads(async () => {
    const before = team.name;
    try {
      team = await api("GET", `/api/v1/team/teams/${encodeURIComponent(team.id)}`);
      fill(readError);
    } catch (error) {
      if (error.status === 404) return gone();
      fill(readError, explain(error, { action: "read this team", role: ctx.role }).text);
      return;
    }
    show();
    name.renamed(before);
    await members.refresh();
    picker.redraw();
  });

  let off = () => {};
  // Once the page is left (or says the team is gone), a read still on its way must not touch the screen.
  let here = true;
  const leave = () => {
    here = false;
    off();
  };
  function gone() {
    if (!here) return;
    leave();
    main.replaceChildren(teamGone(team));
    main.querySelector("h1")?.focus();
  }

  show();
  name.show();
  main.append(
    h("p", { class: "breadcrumb" }, h("a", { href: "/teams" }, "Teams"), " → ", crumb),
    title, count, readError,
    h("div", { class: "team-grid", "aria-busy": "true", id: "team-parts" }, members.el, picker.el, name.el, hours.el));
  // Listening before the first reads: a change made while they run is read again after them.
  off = onTeamChanges((e) => {
    if (e.team_id && e.team_id !== team.id) return;
    if (e.change === "deleted") return gone();
    if (e.change === "hours" || e.change === "reconnected") hours.refresh().catch(() => {});
    if (e.change !== "hours") reread().catch(() => {});
  });
  try {
    await Promise.all([members.refresh(), hours.load()]);
  } catch (error) {
    leave();
    throw error;
  } finally {
    document.getElementById("team-parts")?.removeAttribute("aria-busy");
  }
  return leave;
}

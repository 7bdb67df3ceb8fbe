// The routing form's after-hours team (docs/routing.md, "After-hours team"): a choice among the workspace's teams
// (GET /api/v1/team/teams). Outside a team's business hours its conversations go to the chosen team while that
// one is open; "None" lets them wait for their own team.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { selectField } from "../forms.js";

const NONE = ["", "None: conversations wait for their own team"];

export function afterHoursField() {
  const f = selectField({ label: "After-hours team", name: "after_hours_team_id", options: [NONE],
    hint: "Outside a team's business hours, its conversations go to this team while it is open." });
  let wanted = "";

  function options(teams) {
    fill(f.input, [NONE, ...teams.map((t) => [t.id, t.name])]
      .map(([value, text]) => h("option", { value, selected: value === wanted }, text)));
  }

  return {
    ...f,
    /** Shows the saved choice, reading the teams to choose from. */
    async show(id) {
      wanted = id ?? "";
      options(await api("GET", "/api/v1/team/teams").catch(() => []));
      f.input.value = wanted;
    },
  };
}

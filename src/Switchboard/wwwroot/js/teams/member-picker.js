// Finding members to add to a team: a search over the workspace's members (GET /app/members?q=…&page_size=10, the
// server searches, so 1,000 members are never loaded), each match with Add (PUT /api/v1/team/teams/{id}/members/…)
// or a note that they are in the team already. Keystrokes during a read fold into one more read.
import { h, fill, truncated } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";

const LIMIT = 10;

export function memberPicker(ctx, { getTeam, onAdded }) {
  const search = h("input", { type: "search", id: "team-member-search", autocomplete: "off", maxlength: 255,
    placeholder: "Name or email", "aria-describedby": "team-member-search-hint", "aria-controls": "team-member-results" });
  const summary = h("p", { class: "muted", id: "team-member-search-hint", "aria-live": "polite" }, "Type a name or an email address.");
  const results = h("ul", { class: "invites", id: "team-member-results" });
  const error = errorLine("team-member-search-error");
  const el = h("section", { class: "card", "aria-labelledby": "add-members-heading", id: "add-members" },
    h("h2", { id: "add-members-heading" }, "Add members"),
    h("div", { class: "toolbar", role: "search", "aria-label": "Workspace members" },
      h("div", { class: "filter search" }, h("label", { for: "team-member-search" }, "Find members to add"), search)),
    summary, results, error);

  let found = [];
  let total = 0;
  let reading = null;
  let again = false;

  async function read() {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        const q = search.value.trim();
        if (!q) {
          found = [];
          total = 0;
          continue;
        }
        const body = await api("GET", `/app/members?${new URLSearchParams({ q, sort: "name", page: "1", page_size: String(LIMIT) })}`);
        found = body.data;
        total = body.meta.total;
      } while (again);
      fill(error);
      redraw();
    })().catch((e) => {
      fill(error, explain(e, { action: "search members", role: ctx.role }).text);
    }).finally(() => {
      reading = null;
    });
    return reading;
  }
  search.addEventListener("input", read);

  function redraw() {
    const team = getTeam();
    const inTeam = new Set(team.member_ids);
    const q = search.value.trim();
    fill(summary, !q ? "Type a name or an email address."
      : total === 0 ? `Nobody matches “${q}”.`
        : total > found.length ? `${found.length} of ${total.toLocaleString()} matches shown; type more to narrow them.`
          : `${total} ${total === 1 ? "match" : "matches"}.`);
    fill(results, found.map((member) => h("li", { dataset: { memberId: member.id } },
      h("div", { class: "invite-main" }, truncated(member.name, "member-name"), h("span", { class: "muted" }, " "), truncated(member.email, "invite-email")),
      h("div", { class: "invite-actions" }, inTeam.has(member.id)
        ? h("span", { class: "muted" }, `In ${team.name}`)
        : h("button", { type: "button", "aria-label": `Add ${member.name} to ${team.name}`, onClick: (event) => add(member, event.currentTarget) }, "Add")))));
  }

  async function add(member, button) {
    const team = getTeam();
    fill(error);
    try {
      await api("PUT", `/api/v1/team/teams/${encodeURIComponent(team.id)}/members/${encodeURIComponent(member.id)}`);
      toast(`${member.name} was added to ${team.name}.`, { kind: "success" });
      await onAdded();
      search.focus();
    } catch (e) {
      fill(error, explain(e, { action: "change teams", role: ctx.role }).text);
      button.focus();
    }
  }

  return { el, redraw };
}

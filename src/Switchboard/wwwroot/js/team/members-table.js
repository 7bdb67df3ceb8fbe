// The members of the workspace, one page at a time from the server (GET /app/members?q=&role=&seat=&status=&sort=&page=&page_size=):
// search by name or email, filters, sorting and paging, so a team of 1,000 opens as fast as a team of 3.
// Each row: name, email (cut to the column, whole on hover and focus), live status, role, seat, joined date,
// and the controls the caller's role allows — Edit (a dialog with Save) and Remove (with a confirmation).
// A refusal is shown beside the control that caused it, and stays there when the table is redrawn.
import { h, fill, timeEl, capitalize, cell, truncated } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { statusDot } from "../status-switcher.js";
import { suspendedBadge } from "./member-suspension.js";
import { memberActions } from "./member-actions.js";
import { secondFactorBadge } from "./two-factor-policy.js";
import { pager, showing } from "../pager.js";
import { memberFilters } from "./member-filters.js";

const STATUS_TEXT = { live: "Live", away: "Away", offline: "Offline" };

export function membersTable(ctx, { getState, onChanged }) {
  const count = h("span", { class: "count" });
  const heading = h("h2", { id: "members-heading", tabindex: -1 }, "Members ", count);
  const filters = memberFilters(() => {
    pages.page = 1;
    refresh();
  });
  const tbody = h("tbody");
  const table = h("table", { class: "members responsive", "aria-busy": "true" },
    h("caption", { class: "visually-hidden" }, `Members of ${ctx.workspace.name}`),
    h("colgroup", {}, h("col", { class: "col-name" }), h("col", { class: "col-email" }), h("col"), h("col"), h("col"), h("col"), h("col", { class: "col-actions" })),
    h("thead", {}, h("tr", {},
      ["Name", "Email", "Status", "Role", "Seat", "Joined"].map((c) => h("th", { scope: "col" }, c)),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody);
  // The table scrolls inside its card when it is wider than the screen, never the page.
  const scroller = h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Members table (scrolls sideways when narrow)" }, table);
  const empty = h("p", { class: "muted", id: "members-empty", hidden: true });
  const loadError = errorLine("members-load-error");
  const pages = pager({
    id: "members",
    label: "Members",
    describe: (m) => showing(m, filtered() ? "matching members" : "members"),
    onChange: () => refresh(),
  });
  const el = h("section", { class: "card", "aria-labelledby": "members-heading", id: "members" },
    heading, filters.el, pages.top, scroller, empty, loadError, pages.bottom);

  // Skeleton rows until the first page arrives.
  fill(tbody, Array.from({ length: 5 }, () => h("tr", { class: "skeleton-row", "aria-hidden": "true" },
    Array.from({ length: 7 }, () => h("td", {}, h("span", { class: "skeleton" }))))));

  const memberControls = memberActions(ctx, { getState, onChanged, heading });
  let can = null;
  let rows = [];
  let meta = null;
  /** The whole team's size, read from an unfiltered answer: the heading's count does not follow the search box. */
  let teamSize = null;
  const filtered = () => filters.filtered();
  let fetching = null;
  let fetchAgain = false;
  let generation = 0;

  const query = () => filters.query(pages.page, pages.size);

  /** Reads the current page; calls that arrive while one runs are folded into one more read. */
  async function refresh() {
    if (fetching) {
      fetchAgain = true;
      return fetching;
    }
    fetching = (async () => {
      do {
        fetchAgain = false;
        const mine = ++generation;
        const body = await api("GET", `/app/members?${query()}`);
        if (mine !== generation) continue;
        rows = body.data;
        meta = body.meta;
        // Past the last page (members left meanwhile): show the last one there is.
        if (rows.length === 0 && meta.total > 0 && pages.page > meta.last_page) {
          pages.page = meta.last_page;
          fetchAgain = true;
          continue;
        }
        fill(loadError);
        draw();
      } while (fetchAgain);
    })().catch((error) => {
      fill(loadError, explain(error, { action: "list members", role: ctx.role }).text);
      // Never read: the skeleton would promise rows that are not coming.
      if (!meta) {
        fill(tbody);
        table.hidden = true;
      }
    }).finally(() => {
      fetching = null;
      table.removeAttribute("aria-busy");
    });
    return fetching;
  }

  function row(member) {
    const me = member.user_id === ctx.me.id;
    const actions = memberControls.controls(member, can);
    return h("tr", { dataset: { memberId: member.id, userId: member.user_id, status: member.status } },
      cell("Name", { class: "name" }, h("span", { class: "name-line" }, truncated(member.name, "member-name"), me ? h("span", { class: "badge" }, "You") : null, suspendedBadge(member),
        secondFactorBadge(member, getState().settings?.require_two_factor))),
      cell("Email", { class: "email" }, truncated(member.email)),
      cell("Status", { class: "status" }, statusDot(member.status), h("span", { class: "status-text" }, STATUS_TEXT[member.status] ?? member.status)),
      cell("Role", { class: "role" }, capitalize(member.role)),
      cell("Seat", { class: "seat" }, capitalize(member.seat)),
      cell("Joined", { class: "joined" }, timeEl(member.created_at)),
      actions.length ? cell("Actions", { class: "actions" }, h("div", { class: "row-actions" }, actions)) : h("td", { class: "actions" }));
  }

  function draw() {
    if (!can || !meta) return;
    const focused = document.activeElement?.id;
    if (!filtered()) teamSize = meta.total;
    fill(count, teamSize === null ? "" : `(${teamSize.toLocaleString()})`);
    fill(tbody, rows.map(row));
    table.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
    fill(empty, filtered() ? "No members match. Try another search or clear the filters." : "No members.");
    pages.set(meta);
    // A live redraw must not pull the keyboard user's focus away from the control they were on.
    if (focused && tbody.querySelector(`[id="${CSS.escape(focused)}"]`) && document.activeElement === document.body) {
      document.getElementById(focused)?.focus();
    }
  }

  function update(state, permissions) {
    can = permissions;
    draw();
  }

  /** agent_status_changed: only the dot and its word change (a status filter needs the server's answer). */
  function setStatus(memberId, value) {
    const member = rows.find((m) => m.id === memberId);
    if (member) member.status = value;
    if (filters.status || filters.sort.endsWith("status")) return false;
    const tr = tbody.querySelector(`tr[data-member-id="${CSS.escape(memberId)}"]`);
    if (!tr) return true; // not on this page: nothing to redraw
    tr.dataset.status = value;
    fill(tr.querySelector("td.status .cell"), statusDot(value), h("span", { class: "status-text" }, STATUS_TEXT[value] ?? value));
    return true;
  }

  return { el, update, refresh, setStatus };
}

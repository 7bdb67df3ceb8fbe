// The members of the workspace, one page at a time from the server (GET /app/members?q=&role=&seat=&status=&sort=&page=&page_size=):
// search by name or email, filters, sorting and paging, so a team of 1,000 opens as fast as a team of 3.
// Each row: name, email (cut to the column, whole on hover and focus), live status, role, seat, joined date,
// and the controls the caller's role allows — Edit (a dialog with Save) and Remove (with a confirmation).
// A refusal is shown beside the control that caused it, and stays there when the table is redrawn.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { memberActions } from "./member-actions.js";
import { pager, showing } from "../pager.js";
import { memberFilters } from "./member-filters.js";
import { membersTableElement, skeletonRows, memberRow, patchStatus } from "./member-rows.js";
import { foldedReads } from "../folded-reads.js";

export function membersTable(ctx, { getState, onChanged }) {
  const count = h("span", { class: "count" });
  const heading = h("h2", { id: "members-heading", tabindex: -1 }, "Members ", count);
  const filters = memberFilters(() => {
    pages.page = 1;
    refresh();
  });
  // Skeleton rows until the first page arrives.
  const tbody = h("tbody", {}, skeletonRows());
  const table = membersTableElement(ctx, tbody);
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

  const memberControls = memberActions(ctx, { getState, onChanged, heading });
  let can = null;
  let rows = [];
  let meta = null;
  /** The whole team's size, read from an unfiltered answer: the heading's count does not follow the search box. */
  let teamSize = null;
  const filtered = () => filters.filtered();
  const query = () => filters.query(pages.page, pages.size);

  /** Reads the current page; calls that arrive while one runs are folded into one more read. */
  const refresh = foldedReads(() => api("GET", `/app/members?${query()}`), {
    take(body) {
      rows = body.data;
      meta = body.meta;
      // Past the last page (members left meanwhile): show the last one there is.
      if (rows.length === 0 && meta.total > 0 && pages.page > meta.last_page) {
        pages.page = meta.last_page;
        return true;
      }
      fill(loadError);
      draw();
      return false;
    },
    failed(error) {
      fill(loadError, explain(error, { action: "list members", role: ctx.role }).text);
      // Never read: the skeleton would promise rows that are not coming.
      if (!meta) {
        fill(tbody);
        table.hidden = true;
      }
    },
    settled: () => table.removeAttribute("aria-busy"),
  });

  const row = (member) => memberRow(member, {
    me: member.user_id === ctx.me.id,
    actions: memberControls.controls(member, can),
    requireTwoFactor: getState().settings?.require_two_factor,
  });

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
    patchStatus(tr, value);
    return true;
  }

  return { el, update, refresh, setStatus };
}

// The members on the floor, a page at a time (50 rows, never 1,000): status, time in it, seat and open load
// against capacity, live first then by name.
import { h, fill, parseUtc, cell, capitalize } from "../dom.js";
import { statusDot } from "../status-switcher.js";
import { pager, showing } from "../pager.js";
import { duration } from "./floor-time.js";
import { ORDER, STATUS_TEXT } from "./floor-filters.js";

const rank = (a) => ORDER.indexOf(a.status);

function row(a, now) {
  const since = parseUtc(a.status_since);
  const full = a.seat !== "lite" && a.load >= a.capacity;
  return h("tr", { dataset: { memberId: a.member_id, status: a.status } },
    cell("Member", { class: "name" }, h("span", { class: "truncate", title: `${a.name} (${a.email})` }, a.name)),
    cell("Status", { class: "status" }, statusDot(a.status), STATUS_TEXT[a.status] ?? a.status),
    cell("In status for", { class: "since" }, since ? h("time", { datetime: since.toISOString() }, duration(now - since.getTime())) : "—"),
    cell("Seat", {}, capitalize(a.seat)),
    cell("Open conversations", { class: full ? "load full" : "load" }, a.seat === "lite" ? "—" : `${a.load} of ${a.capacity}${full ? " (full)" : ""}`));
}

export function floorTable({ filtering, onPage }) {
  const tbody = h("tbody", {}, Array.from({ length: 4 }, () => h("tr", { class: "skeleton-row", "aria-hidden": "true" },
    Array.from({ length: 5 }, () => h("td", {}, h("span", { class: "skeleton" }))))));
  const table = h("table", { class: "responsive supervisor", "aria-busy": "true" },
    h("caption", { class: "visually-hidden" }, "Members by status, with time in status and load"),
    h("thead", {}, h("tr", {}, ["Member", "Status", "In status for", "Seat", "Open conversations"].map((c) => h("th", { scope: "col" }, c)))),
    tbody);
  const empty = h("p", { class: "muted", id: "agents-empty", hidden: true }, "Nobody matches. Try another search or clear the filters.");
  const pages = pager({ id: "agents", label: "Members", describe: (m) => showing(m, filtering() ? "matching members" : "members"), onChange: onPage });
  const scroll = h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Members on the floor, table (scrolls sideways when narrow)" }, table);

  return {
    top: pages.top,
    body: [scroll, empty, pages.bottom],
    firstPage: () => (pages.page = 1),
    draw(found, now) {
      found.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
      const lastPage = Math.max(1, Math.ceil(found.length / pages.size));
      if (pages.page > lastPage) pages.page = lastPage;
      const first = (pages.page - 1) * pages.size;
      fill(tbody, found.slice(first, first + pages.size).map((a) => row(a, now)));
      pages.set({ current_page: pages.page, last_page: lastPage, per_page: pages.size, total: found.length });
      table.hidden = found.length === 0;
      empty.hidden = found.length > 0;
      table.removeAttribute("aria-busy");
    },
    /** A refusal before anything was read: no skeleton left pretending something is coming. */
    clear() {
      fill(tbody);
      table.hidden = true;
      table.removeAttribute("aria-busy");
    },
  };
}

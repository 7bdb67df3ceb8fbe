// The members list's toolbar: search by name or email, role, seat and status filters and the sort, and the query
// string they make for GET /app/members. No debounce: the list reads at the first keystroke, and keystrokes
// meanwhile fold into one more read (members-table.js).
import { h } from "../dom.js";

const SORTS = [
  ["joined", "Joined, oldest first"],
  ["-joined", "Joined, newest first"],
  ["name", "Name, A to Z"],
  ["-name", "Name, Z to A"],
  ["email", "Email, A to Z"],
  ["role", "Role"],
  ["status", "Status"],
];

function filterSelect(id, label, options) {
  const select = h("select", { id }, options.map(([v, text]) => h("option", { value: v }, text)));
  return { select, el: h("div", { class: "filter" }, h("label", { for: id }, label), select) };
}

/** `onChange` runs on every keystroke and choice (the table goes back to page 1 and reads). */
export function memberFilters(onChange) {
  const search = h("input", { type: "search", id: "member-search", autocomplete: "off", placeholder: "Name or email", maxlength: 255 });
  const role = filterSelect("member-role-filter", "Role", [["", "Any role"], ["owner", "Owner"], ["admin", "Admin"], ["agent", "Agent"]]);
  const seat = filterSelect("member-seat-filter", "Seat", [["", "Any seat"], ["full", "Full"], ["lite", "Lite"]]);
  const status = filterSelect("member-status-filter", "Status", [["", "Any status"], ["live", "Live"], ["away", "Away"], ["offline", "Offline"]]);
  const sort = filterSelect("member-sort", "Sort by", SORTS);
  const el = h("div", { class: "toolbar", role: "search", "aria-label": "Find members" },
    h("div", { class: "filter search" }, h("label", { for: "member-search" }, "Search members"), search),
    role.el, seat.el, status.el, sort.el);
  search.addEventListener("input", onChange);
  for (const { select } of [role, seat, status, sort]) select.addEventListener("change", onChange);

  return {
    el,
    filtered: () => search.value.trim() || role.select.value || seat.select.value || status.select.value,
    /** The sort or a status filter orders by something a live status change moves (members-table re-reads then). */
    get sort() {
      return sort.select.value;
    },
    get status() {
      return status.select.value;
    },
    query(page, size) {
      const params = new URLSearchParams();
      const q = search.value.trim();
      if (q) params.set("q", q);
      if (role.select.value) params.set("role", role.select.value);
      if (seat.select.value) params.set("seat", seat.select.value);
      if (status.select.value) params.set("status", status.select.value);
      params.set("sort", sort.select.value);
      params.set("page", String(page));
      params.set("page_size", String(size));
      return params.toString();
    },
  };
}

// GET /api/v1/team/routing beside the list: how many conversations wait, and the load of each agent who can take
// them — full seats only (a lite seat gets no conversations, so "0 of 5" beside one said nothing true), searched by
// name and paged in the page (25 by default, the choice remembered), so a team of 1,000 is not 1,000 rows here.
import { h, fill, capitalize, cell } from "../dom.js";
import { statusDot } from "../status-switcher.js";
import { pager, showing } from "../pager.js";

export function routingPanel() {
  const queue = h("p", { class: "queue", id: "queue-length" });
  const search = h("input", { type: "search", id: "routing-search", autocomplete: "off", placeholder: "Name", maxlength: 255 });
  const tbody = h("tbody");
  const table = h("table", { class: "responsive agents" },
    h("caption", { class: "visually-hidden" }, "Load of each agent"),
    h("thead", {}, h("tr", {}, ["Agent", "Status", "Open conversations"].map((c) => h("th", { scope: "col" }, c)))),
    tbody);
  const empty = h("p", { class: "muted", id: "routing-empty", hidden: true });
  const pages = pager({ id: "routing", label: "Agents", describe: (m) => showing(m, "agents"), onChange: () => draw(), fallback: 25 });
  const el = h("section", { class: "card", "aria-labelledby": "routing-heading", id: "routing" },
    h("h2", { id: "routing-heading" }, "Routing"), queue,
    h("p", { class: "hint" }, "Agents with a full seat: lite seats get no conversations."),
    h("div", { class: "filter search" }, h("label", { for: "routing-search" }, "Search agents"), search),
    pages.top,
    h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Load of each agent" }, table),
    empty, pages.bottom);
  let routing = null;

  search.addEventListener("input", () => {
    pages.page = 1;
    draw();
  });

  function draw() {
    if (!routing) return;
    const waiting = routing.queue_length;
    fill(queue, h("strong", {}, `${waiting} ${waiting === 1 ? "conversation" : "conversations"} waiting`),
      ` in the queue · ${{ auto: "automatic", offer: "offer and accept" }[routing.mode] ?? "manual"} routing`);
    const q = search.value.trim().toLowerCase();
    const routable = routing.agents.filter((a) => a.seat !== "lite" && a.is_active !== false && (!q || a.name.toLowerCase().includes(q)));
    const last = Math.max(1, Math.ceil(routable.length / pages.size));
    if (pages.page > last) pages.page = last;
    const first = (pages.page - 1) * pages.size;
    fill(tbody, routable.slice(first, first + pages.size).map((a) => h("tr", { dataset: { userId: a.user_id } },
      cell("Agent", {}, h("span", { class: "truncate", title: a.name }, a.name)),
      cell("Status", {}, statusDot(a.status), capitalize(a.status)),
      cell("Open conversations", { class: "load" }, `${a.load} of ${a.capacity}`))));
    pages.set({ current_page: pages.page, last_page: last, per_page: pages.size, total: routable.length });
    table.hidden = routable.length === 0;
    empty.hidden = routable.length > 0;
    fill(empty, q ? "No agent matches." : "No agent with a full seat yet: give someone a full seat to route conversations to them.");
  }

  function update(value) {
    routing = value;
    draw();
  }

  return { el, update };
}

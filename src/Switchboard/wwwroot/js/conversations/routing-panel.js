// GET /api/v1/team/routing beside the list: how many conversations wait, and each agent's load.
import { h, fill, capitalize, cell } from "../dom.js";
import { statusDot } from "../status-switcher.js";

export function routingPanel() {
  const body = h("div");
  const el = h("section", { class: "card", "aria-labelledby": "routing-heading", id: "routing" },
    h("h2", { id: "routing-heading" }, "Routing"), body);

  function update(routing) {
    const waiting = routing.queue_length;
    fill(body,
      h("p", { class: "queue", id: "queue-length" },
        h("strong", {}, `${waiting} ${waiting === 1 ? "conversation" : "conversations"} waiting`),
        ` in the queue · ${routing.mode === "auto" ? "automatic" : "manual"} routing`),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Load of each agent" }, h("table", { class: "responsive agents" },
        h("caption", { class: "visually-hidden" }, "Load of each agent"),
        h("thead", {}, h("tr", {}, ["Agent", "Status", "Seat", "Open conversations"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, routing.agents.map((a) => h("tr", { dataset: { userId: a.user_id } },
          cell("Agent", {}, h("span", { class: "truncate", title: a.name }, a.name)),
          cell("Status", {}, statusDot(a.status), capitalize(a.status)),
          cell("Seat", {}, capitalize(a.seat)),
          cell("Open conversations", { class: "load" }, `${a.load} of ${a.capacity}`)))))));
  }

  return { el, update };
}

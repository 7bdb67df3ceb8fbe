// Audit log (owners and admins): the workspace's trail, newest first, 50 a page, filtered by action and by
// who did it (GET /api/v1/team/audit?action=&actor_id=&page=&page_size=). "Done by" takes a name or address and
// is resolved through the members search; the API names each actor, so the page never loads the whole team.
import { h, fill, timeEl, cell } from "../dom.js";
import { api } from "../api.js";
import { explain } from "../refusal.js";
import { ACTIONS, details } from "../audit/audit-words.js";
import { resolveActor } from "../audit/actor-filter.js";

const PAGE_SIZE = 50;

export async function auditPage(main, app) {
  const ctx = app.ctx;
  const action = h("select", { id: "audit-action" }, h("option", { value: "" }, "Any action"),
    Object.entries(ACTIONS).map(([value, text]) => h("option", { value }, text)));
  const actor = h("input", { type: "search", id: "audit-actor", autocomplete: "off", placeholder: "Name or email", maxlength: 255, "aria-describedby": "audit-actor-note" });
  const actorNote = h("p", { class: "hint", id: "audit-actor-note", "aria-live": "polite" });
  const toolbar = h("form", { class: "toolbar", role: "search", "aria-label": "Filter the audit log" },
    h("div", { class: "filter" }, h("label", { for: "audit-action" }, "Action"), action),
    h("div", { class: "filter search" }, h("label", { for: "audit-actor" }, "Done by"), actor, actorNote),
    h("button", { type: "submit" }, "Filter"));
  const tbody = h("tbody", {}, Array.from({ length: 5 }, () => h("tr", { class: "skeleton-row", "aria-hidden": "true" },
    Array.from({ length: 4 }, () => h("td", {}, h("span", { class: "skeleton" }))))));
  const table = h("table", { class: "responsive audit", "aria-busy": "true" },
    h("caption", { class: "visually-hidden" }, "Audit log, newest first"),
    h("thead", {}, h("tr", {}, ["When", "Who", "What", "Details"].map((c) => h("th", { scope: "col" }, c)))),
    tbody);
  const empty = h("p", { class: "muted", hidden: true }, "Nothing recorded matches.");
  const summary = h("p", { class: "pager-summary", id: "audit-summary", "aria-live": "polite" });
  const previous = h("button", { type: "button" }, "Previous");
  const next = h("button", { type: "button" }, "Next");
  const error = h("p", { class: "error", role: "alert", id: "audit-error" });
  main.append(h("h1", {}, "Audit log"),
    h("section", { class: "card", "aria-labelledby": "audit-heading", id: "audit" },
      h("h2", { id: "audit-heading", class: "visually-hidden" }, "Entries"),
      toolbar,
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Audit entries table (scrolls sideways when narrow)" }, table),
      empty, error,
      h("nav", { class: "pager", "aria-label": "Audit log pages" }, summary, h("div", { class: "form-actions" }, previous, next))));

  let page = 1;
  let actorId = null;
  let last = 1;

  async function load() {
    const params = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
    if (action.value) params.set("action", action.value);
    if (actorId) params.set("actor_id", actorId);
    try {
      const result = await api("GET", `/api/v1/team/audit?${params}`);
      fill(error);
      last = Math.max(1, Math.ceil(result.total / result.page_size));
      fill(tbody, result.items.map((e) => h("tr", { dataset: { action: e.action } },
        cell("When", { class: "when" }, timeEl(e.created_at, true)),
        cell("Who", { class: "who" }, h("span", { class: "truncate", title: e.actor_name ?? "" }, e.actor_id ? e.actor_name ?? "A former member" : "Switchboard")),
        cell("What", { class: "what" }, ACTIONS[e.action] ?? e.action),
        cell("Details", { class: "details" }, h("span", { class: "truncate", title: details(e) }, details(e))))));
      table.hidden = result.items.length === 0;
      empty.hidden = result.items.length > 0;
      fill(summary, result.total ? `Page ${result.page} of ${last} · ${result.total.toLocaleString()} ${result.total === 1 ? "entry" : "entries"}` : "");
      previous.disabled = page <= 1;
      next.disabled = page >= last;
    } catch (e) {
      fill(error, explain(e, { action: "read the audit log", role: ctx.role }).text);
      // No skeleton left pretending something is coming.
      if (tbody.querySelector(".skeleton-row")) {
        fill(tbody);
        table.hidden = true;
      }
    } finally {
      table.removeAttribute("aria-busy");
    }
  }

  toolbar.addEventListener("submit", async (event) => {
    event.preventDefault();
    const found = await resolveActor(actor, actorNote);
    if (!found.ok) return;
    actorId = found.id;
    page = 1;
    await load();
  });
  action.addEventListener("change", () => {
    page = 1;
    load();
  });
  previous.addEventListener("click", () => {
    page = Math.max(1, page - 1);
    load();
  });
  next.addEventListener("click", () => {
    page = Math.min(last, page + 1);
    load();
  });
  await load();
}

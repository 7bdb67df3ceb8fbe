// The workspace's conversations with status and assignee; owners and admins get an assign control per
// open conversation, and a refusal appears beside it.
import { h, fill, timeEl, capitalize, cell } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";

export function conversationList(ctx, { canAssign, onChanged }) {
  const tbody = h("tbody");
  const empty = h("p", { class: "muted", hidden: true }, "No conversations yet.");
  const columns = ["Customer", "Message", "Status", "Assignee", "Opened"];
  const table = h("table", { class: "responsive conversations" },
    h("caption", { class: "visually-hidden" }, "Conversations"),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)),
      canAssign ? h("th", { scope: "col" }, "Assign") : null)),
    tbody);
  const el = h("section", { class: "card", "aria-labelledby": "conversations-heading", id: "conversation-list" },
    h("h2", { id: "conversations-heading" }, "All conversations"), h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Conversations table (scrolls sideways when narrow)" }, table), empty);
  const errors = new Map();

  function assignControl(conversation, agents) {
    const id = `assign-${conversation.id}`;
    const select = h("select", { id, "aria-label": `Assign the conversation with ${conversation.customer_id ?? "a customer"} to`,
      "aria-describedby": `${id}-error` },
      h("option", { value: "" }, "Choose an agent"),
      // Lite seats are never assigned conversations.
      agents.filter((a) => a.seat === "full").map((a) =>
        h("option", { value: a.user_id, selected: a.user_id === conversation.assigned_agent_id }, a.name)));
    const button = h("button", { type: "button", id: `${id}-button`, "aria-describedby": `${id}-error` }, "Assign");
    const line = errorLine(`${id}-error`);
    if (errors.has(id)) fill(line, errors.get(id));
    button.addEventListener("click", async () => {
      errors.delete(id);
      fill(line);
      if (!select.value) {
        errors.set(id, "Choose an agent first.");
        fill(line, errors.get(id));
        select.focus();
        return;
      }
      try {
        await api("POST", `/api/v1/team/assign/${encodeURIComponent(conversation.id)}?agent_id=${encodeURIComponent(select.value)}`);
      } catch (error) {
        errors.set(id, explain(error, { action: "assign conversations", role: ctx.role }).text);
        fill(line, errors.get(id));
      }
      await onChanged();
    });
    return h("div", { class: "assign" }, select, button, line);
  }

  /** A finished conversation has no control left, but a refusal it just caused stays readable. */
  function refusedOrNothing(conversation) {
    const id = `assign-${conversation.id}`;
    return errors.has(id) ? h("p", { class: "error", role: "alert", id: `${id}-error` }, errors.get(id)) : "—";
  }

  function update(conversations, agents) {
    const names = new Map(agents.map((a) => [a.user_id, a.name]));
    empty.hidden = conversations.length > 0;
    table.hidden = conversations.length === 0;
    const focused = document.activeElement?.id;
    fill(tbody, conversations.map((c) => {
      const assignee = c.assigned_agent_id ? names.get(c.assigned_agent_id) ?? "A former member" : "Unassigned";
      const open = c.status === "open" || c.status === "pending";
      return h("tr", { dataset: { conversationId: c.id, status: c.status } },
        cell("Customer", {}, c.customer_id ?? "—"),
        cell("Message", { class: "message" }, c.initial_message ?? "—"),
        cell("Status", {}, h("span", { class: `pill pill-${c.status}` }, capitalize(c.status))),
        cell("Assignee", { class: "assignee" }, assignee, c.assigned_agent_id === ctx.me.id ? [" ", h("span", { class: "badge" }, "You")] : null),
        cell("Opened", {}, timeEl(c.created_at, true)),
        canAssign ? cell("Assign", {}, open ? assignControl(c, agents) : refusedOrNothing(c)) : null);
    }));
    if (focused && document.activeElement === document.body) document.getElementById(focused)?.focus();
  }

  return { el, update };
}

// Conversations: the list with status and assignee, the assign control for owners and admins, and the
// routing queue with each agent's load. Assignments to me arrive live (the toast is global, in app/notices.js).
import { h } from "../dom.js";
import { api } from "../api.js";
import { onRealtime } from "../realtime.js";
import { permissionsFor } from "../permissions.js";
import { conversationList } from "../conversations/conversation-list.js";
import { routingPanel } from "../conversations/routing-panel.js";

export async function conversationsPage(main, app) {
  const ctx = app.ctx;
  const can = permissionsFor(ctx.role, false);
  const list = conversationList(ctx, { canAssign: can.assign, onChanged: () => reload() });
  const routing = routingPanel();
  const refresh = h("button", { type: "button", onClick: () => reload() }, "Refresh");
  main.append(
    h("div", { class: "page-title" }, h("h1", {}, "Conversations"), refresh),
    h("div", { class: "conversations-grid" }, list.el, routing.el));

  async function reload() {
    const [conversations, route] = await Promise.all([
      api("GET", "/api/v1/conversations/"),
      api("GET", "/api/v1/team/routing"),
    ]);
    list.update(conversations, route.agents);
    routing.update(route);
  }
  const reloadQuietly = () => reload().catch(() => {});
  await reload();

  const offs = ["conversation_created", "conversation_updated", "conversation_assigned", "conversation_unassigned", "agent_status_changed", "member_joined", "member_removed", "member_updated"]
    .map((name) => onRealtime(name, reloadQuietly));
  return () => offs.forEach((off) => off());
}

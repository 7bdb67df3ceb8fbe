// Notices that can arrive on any page: a conversation assigned to me, my removal, suspension or new role, being
// added to another workspace, and (for whoever manages the team) who joined.
import { session } from "../session.js";
import { onRealtime } from "../realtime.js";
import { toast, gatheringToast } from "../toast.js";
import { h } from "../dom.js";
import { currentContext, loadContext } from "./context.js";

export function followNotices(app) {
  onRealtime("conversation_assigned", (event) => {
    const conversation = event.conversation ?? {};
    const what = conversation.initial_message ? `“${conversation.initial_message}”` : `from ${conversation.customer_id ?? "a customer"}`;
    toast([
      h("strong", {}, "New conversation assigned to you"),
      h("span", {}, ` ${what}`),
      " ",
      h("a", { href: "/conversations" }, "Open conversations"),
    ], { kind: "assigned", ms: 15000 });
  });

  onRealtime("member_removed", async (event) => {
    const ctx = currentContext();
    if (!ctx || event.user_id !== ctx.me.id) return;
    const name = ctx.workspace?.name ?? "the workspace";
    session.workspaceId = null;
    toast(`You were removed from ${name}.`, { kind: "warning", ms: 0 });
    await loadContext();
    app.navigate("/", { replace: true });
  });

  onRealtime("member_suspended", async (event) => {
    const ctx = currentContext();
    if (!ctx || event.user_id !== ctx.me.id) return;
    const left = ctx.workspace;
    session.workspaceId = null;
    toast(`Your access to ${left?.name ?? "the workspace"} was suspended.`, { kind: "warning", ms: 0 });
    await loadContext();
    // The page that says so, naming the workspace and the ones still open to me.
    app.navigate(`/suspended?from=${encodeURIComponent(left?.id ?? "")}`, { replace: true });
  });

  // Added to another workspace (by an owner elsewhere, or by accepting an invite in another tab): its name
  // joins the workspace switcher at once.
  onRealtime("workspace_joined", async (event) => {
    const ctx = currentContext();
    if (!ctx || ctx.me.businesses.some((b) => b.id === event.business_id)) return;
    await loadContext();
    if (event.role !== "owner") toast(`You were added to ${event.name} as ${event.role === "admin" ? "an admin" : "an agent"}.`);
    app.render();
  });

  // Whoever manages the team hears who joined, on any page: one toast per wave ("12 people joined Acme Support").
  onRealtime("member_joined", (event) => {
    const ctx = currentContext();
    if (!ctx || event.user_id === ctx.me.id || (ctx.role !== "owner" && ctx.role !== "admin")) return;
    const where = ctx.workspace?.name ?? "the workspace";
    gatheringToast(`joined:${ctx.workspace?.id}`, event, (joins) => {
      if (joins.length === 1) {
        const [one] = joins;
        return `${one.name ?? "A new member"} joined ${where} as ${one.role === "admin" ? "an admin" : "an agent"}.`;
      }
      const names = joins.slice(-3).map((j) => j.name ?? "someone").join(", ");
      return `${joins.length} people joined ${where}, latest ${names}.`;
    }, { kind: "success" });
  });

  onRealtime("member_updated", async (event) => {
    const before = currentContext();
    if (!before || event.user_id !== before.me.id) return;
    const was = `${before.role}/${before.seat}`;
    const ctx = await loadContext();
    if (`${ctx.role}/${ctx.seat}` !== was) {
      toast(`You are now ${ctx.role === "admin" ? "an admin" : `an ${ctx.role}`} with a ${ctx.seat} seat in ${ctx.workspace.name}.`);
      app.render();
    }
  });
}

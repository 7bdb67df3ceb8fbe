// Where a suspended member lands: which workspace suspended them (GET /api/v1/auth/me's suspended_in), what that
// means, and the workspaces they still belong to — instead of "Create your workspace", which read as if their
// account were gone. Reached after a member_suspended event for them, or whenever they have no usable workspace.
import { h } from "../dom.js";

export function suspendedPage(main, app) {
  const me = app.ctx?.me;
  if (!me) return void app.navigate("/login", { replace: true });
  const from = new URLSearchParams(location.search).get("from");
  const suspensions = me.suspended_in ?? [];
  // The one just left first (it may be the only one the event named), then any other suspension.
  const named = [...suspensions].sort((a, b) => (b.id === from) - (a.id === from));
  const names = named.map((s) => s.name);
  main.append(
    h("section", { class: "card narrow", id: "suspended", "aria-labelledby": "suspended-heading" },
      h("h1", { id: "suspended-heading" }, names.length === 1 ? `Your access to ${names[0]} is suspended` : "Your access is suspended"),
      names.length > 1 ? h("p", {}, `You are suspended in: ${names.join(", ")}.`) : null,
      h("p", {}, "Your account and your history are kept, but you can't open a suspended workspace or get its conversations. "
        + "Its owner or an admin can restore you; ask them if you think this is a mistake."),
      me.businesses.length
        ? [h("h2", {}, "Workspaces you still belong to"),
          h("ul", { class: "workspace-list" }, me.businesses.map((b) => h("li", {},
            h("button", { type: "button", class: "link-button", onClick: () => app.switchWorkspace(b.id) }, `Open ${b.name}`))))]
        : h("p", {}, "You belong to no other workspace. ", h("a", { href: "/workspaces/new" }, "Create your own workspace"), " if you need one.")));
}

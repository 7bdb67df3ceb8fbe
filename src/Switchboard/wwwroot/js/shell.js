// The header of every signed-in workspace page: where you are, where you can go, your status, sign out.
import { h, fill } from "./dom.js";
import { statusSwitcher } from "./status-switcher.js";
import { connectionState } from "./header/connection-state.js";
import { workspaceName } from "./header/workspace-switcher.js";

const LINKS = [
  ["/team", "Team"],
  ["/conversations", "Conversations"],
];
// Owners and admins supervise the queue, shape the teams routing uses and read the audit trail.
const MANAGER_LINKS = [
  ["/supervisor", "Supervisor"],
  ["/teams", "Teams"],
  ["/audit", "Audit log"],
];

// Only the owner sets up single sign-on and provisioning (the API refuses everyone else).
const OWNER_LINKS = [["/settings/sso", "Single sign-on"]];

let built = null; // { key, header, links, destroy }

/** Builds (or keeps) the header for this context and marks the current page. */
export function renderShell(app, ctx, path) {
  const header = document.getElementById("app-header");
  if (!ctx?.workspace) {
    built?.destroy();
    built = null;
    // Signed in without a workspace (removed from the last one, or creating the first): a way out still.
    if (ctx?.me) {
      header.hidden = false;
      header.replaceChildren(
        h("div", { class: "header-top" }, h("span", { class: "brand" }, "Switchboard")),
        h("div", { class: "header-tools" },
          h("span", { class: "whoami truncate", title: ctx.me.email }, h("span", { class: "visually-hidden" }, "Signed in as "), ctx.me.full_name),
          h("a", { href: "/account", class: "subtle" }, "Account"),
          h("button", { type: "button", class: "link-button", onClick: () => app.signOut() }, "Sign out")));
    } else {
      header.hidden = true;
      header.replaceChildren();
    }
    return;
  }
  const key = `${ctx.me.id}/${ctx.workspace.id}/${ctx.role}/${ctx.me.businesses.length}`;
  if (built?.key !== key) {
    built?.destroy();
    built = build(app, ctx, key);
  }
  header.hidden = false;
  for (const link of built.links) {
    const href = link.getAttribute("href");
    if (path === href || (path === "/settings/team" && href === "/team") || (href === "/teams" && path.startsWith("/teams/"))) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
}

function build(app, ctx, key) {
  const header = document.getElementById("app-header");
  const status = statusSwitcher(ctx);
  const manager = ctx.role === "owner" || ctx.role === "admin";
  // The person's own settings (password, sessions, second factor) come last, whatever the role.
  const links = [...LINKS, ...(manager ? MANAGER_LINKS : []), ...(ctx.role === "owner" ? OWNER_LINKS : []), ["/account", "Account"]].map(([href, text]) => h("a", { href }, text));
  const connection = connectionState();
  const workspace = workspaceName(app, ctx);
  const signOut = h("button", { type: "button", class: "link-button", onClick: () => app.signOut() }, "Sign out");

  fill(header,
    h("div", { class: "header-top" },
      h("a", { href: "/team", class: "brand", "aria-label": "Switchboard home" }, "Switchboard"),
      workspace,
      h("a", { href: "/workspaces/new", class: "subtle" }, "New workspace")),
    h("nav", { "aria-label": "Main" }, h("ul", {}, links.map((a) => h("li", {}, a)))),
    h("div", { class: "header-tools" },
      status.el,
      connection.el,
      h("span", { class: "whoami truncate", title: `${ctx.me.full_name} (${ctx.me.email})` }, h("span", { class: "visually-hidden" }, "Signed in as "), ctx.me.full_name),
      signOut));

  return {
    key,
    links,
    destroy() {
      status.destroy();
      connection.destroy();
    },
  };
}

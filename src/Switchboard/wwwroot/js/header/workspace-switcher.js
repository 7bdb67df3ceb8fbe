// The header's workspace: its name, or a switcher when you belong to several.
import { h } from "../dom.js";

export function workspaceName(app, ctx) {
  if (ctx.me.businesses.length <= 1) return h("span", { class: "workspace-name truncate", title: ctx.workspace.name }, ctx.workspace.name);
  const select = h("select", { id: "workspace-switcher", title: ctx.workspace.name },
    ctx.me.businesses.map((b) => h("option", { value: b.id, selected: b.id === ctx.workspace.id }, b.name)));
  select.addEventListener("change", () => app.switchWorkspace(select.value));
  return h("div", { class: "workspace-switcher" }, h("label", { for: "workspace-switcher" }, "Workspace"), select);
}

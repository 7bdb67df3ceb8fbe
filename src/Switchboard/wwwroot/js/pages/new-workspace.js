// Create a workspace (PingBack's business): you become its owner, on the Free plan.
import { h } from "../dom.js";
import { api } from "../api.js";
import { session } from "../session.js";
import { form, textField } from "../forms.js";

export function newWorkspacePage(main, app) {
  const name = textField({ label: "Workspace name", name: "name", required: true, maxlength: 255, autocomplete: "organization" });
  const website = textField({ label: "Website (optional)", name: "website", type: "url", autocomplete: "url" });
  const create = form({
    label: "Create a workspace",
    fields: [name, website],
    submitLabel: "Create workspace",
    async onSubmit(values, f) {
      const body = { name: values.name.trim() };
      if (values.website.trim()) body.website = values.website.trim();
      try {
        const workspace = await api("POST", "/api/v1/auth/business/create", body);
        session.workspaceId = workspace.id;
        await app.switchWorkspace(workspace.id);
      } catch (error) {
        f.showError(error, { action: "create a workspace" });
      }
    },
  });
  const first = !app.ctx?.workspace;
  main.append(
    h("div", { class: "narrow card" },
      h("h1", {}, first ? "Create your workspace" : "Create another workspace"),
      h("p", { class: "muted" }, "A workspace is your support team: you will be its owner, on the Free plan."),
      create.el));
}

// The owner's grave steps on Settings → Team: hand the workspace to someone else, or delete it. Both sit behind
// proof: the transfer asks for the owner's password and the workspace's name typed in the dialog; the deletion stays
// disabled until the workspace's exact name is typed, because nothing of a deleted workspace comes back.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField, selectField } from "../forms.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { session } from "../session.js";

export function ownership(ctx, app) {
  const el = h("section", { class: "card danger-zone", "aria-labelledby": "ownership-heading", id: "ownership" });
  if (ctx.role !== "owner") {
    el.hidden = true;
    return { el, update() {} };
  }
  const name = ctx.workspace.name;

  // Transfer: the candidates are read when the section is opened, so a large team costs nothing until then.
  const choices = h("div");
  const transfer = h("details", { id: "transfer-ownership" },
    h("summary", {}, "Transfer ownership"),
    h("p", {}, "The new owner must be an active member with a confirmed email address. You stay on as an admin."),
    choices);
  let loaded = false;
  transfer.addEventListener("toggle", async () => {
    if (!transfer.open || loaded) return;
    loaded = true;
    fill(choices, h("p", { class: "hint" }, "Loading members…"));
    try {
      const members = (await api("GET", "/api/v1/team/members")).filter((m) => m.role !== "owner" && m.is_active);
      if (members.length === 0) {
        fill(choices, h("p", {}, "Nobody else is in this workspace yet: invite the future owner first."));
        return;
      }
      const who = selectField({ label: "New owner", name: "user_id",
        options: members.map((m) => [m.user_id, `${m.name} (${m.email})`]) });
      const password = textField({ label: "Your password", name: "password", type: "password", autocomplete: "current-password", required: true });
      const f = form({
        label: "Transfer ownership",
        fields: [who, password],
        submitLabel: "Transfer ownership",
        async onSubmit(values, f) {
          const target = members.find((m) => m.user_id === values.user_id);
          const yes = await confirmDialog({
            title: "Transfer ownership?",
            message: `${target?.name ?? "They"} will own ${name}: plan, settings and every member. You become an admin.`,
            confirmLabel: "Transfer",
            typed: name,
          });
          if (!yes) return;
          try {
            const answer = await api("POST", "/api/v1/team/transfer-ownership", values);
            toast(answer.message, { kind: "success" });
            await app.reload();
          } catch (error) {
            f.showError(error, { action: "transfer ownership", role: ctx.role });
          }
        },
      });
      fill(choices, f.el);
    } catch (error) {
      loaded = false;
      fill(choices, h("p", { class: "error", role: "alert" }, error.message));
    }
  });

  // Delete: the button wakes only when the typed name is exactly the workspace's.
  const typed = textField({ label: `Type ${name} to confirm`, name: "name", autocomplete: "off", required: true,
    hint: "Every member, invite, link and conversation of this workspace ends. Members keep their accounts." });
  const remove = form({
    label: "Delete workspace",
    fields: [typed],
    submitLabel: "Delete workspace",
    async onSubmit(values, f) {
      try {
        await api("DELETE", "/api/v1/business", { name: values.name });
        session.workspaceId = null;
        toast(`${name} was deleted.`, { kind: "success" });
        await app.reload();
        app.navigate("/", { replace: true });
      } catch (error) {
        f.showError(error, { action: "delete the workspace", role: ctx.role });
      }
    },
  });
  remove.submit.classList.replace("primary", "danger");
  remove.submit.id = "delete-workspace";
  remove.submit.disabled = true;
  typed.input.addEventListener("input", () => {
    remove.submit.disabled = typed.input.value !== name;
  });
  const deletion = h("details", { id: "delete-workspace-section" }, h("summary", {}, "Delete workspace"), remove.el);

  el.append(h("h2", { id: "ownership-heading" }, "Ownership and deletion"), transfer, deletion);
  return { el, update() {} };
}

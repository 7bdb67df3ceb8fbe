// A team's name and its end: rename (PATCH /api/v1/team/teams/{id}, a 422 under the field) and delete
// (DELETE, after a confirmation; the default team's 409 is shown in the server's words beside the button).
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine, form, textField } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";

export function teamName(ctx, app, { getTeam, onRenamed }) {
  const name = textField({ label: "Team name", name: "name", maxlength: 100, autocomplete: "off" });
  const rename = form({
    label: "Rename the team",
    fields: [name],
    submitLabel: "Rename",
    async onSubmit(values, f) {
      const before = getTeam().name;
      try {
        const team = await api("PATCH", `/api/v1/team/teams/${encodeURIComponent(getTeam().id)}`, { name: values.name });
        toast(`Team ${before} is now called ${team.name}.`, { kind: "success" });
        await onRenamed();
        name.input.value = getTeam().name;
        f.submit.focus();
      } catch (error) {
        f.showError(error, { action: "rename teams", role: ctx.role });
      }
    },
  });

  const deleteError = errorLine("delete-team-error");
  const remove = h("button", { type: "button", class: "danger-outline", id: "delete-team", "aria-describedby": "delete-team-error" }, "Delete team");
  remove.addEventListener("click", async () => {
    const team = getTeam();
    fill(deleteError);
    const yes = await confirmDialog({
      title: `Delete ${team.name}?`,
      message: `${team.name} and its business hours go away; its ${team.member_count === 1 ? "member stays" : "members stay"} in the workspace. `
        + "Its conversations no longer name a team, so routing gives them to anyone.",
      confirmLabel: "Delete team",
    });
    if (!yes) return;
    try {
      await api("DELETE", `/api/v1/team/teams/${encodeURIComponent(team.id)}`);
      toast(`Team ${team.name} was deleted.`, { kind: "success" });
      await app.navigate("/teams");
    } catch (error) {
      fill(deleteError, explain(error, { action: "delete teams", role: ctx.role }).text);
    }
  });

  const el = h("section", { class: "card", "aria-labelledby": "team-name-heading", id: "team-name" },
    h("h2", { id: "team-name-heading" }, "Name"),
    rename.el,
    h("h3", {}, "Delete the team"),
    h("p", { class: "hint", id: "delete-team-hint" }, "Members stay in the workspace; only the team and its hours go."),
    h("div", { class: "form-actions" }, remove),
    deleteError);
  remove.setAttribute("aria-describedby", "delete-team-hint delete-team-error");

  return {
    el,
    show() {
      name.input.value = getTeam().name;
    },
    /** After a read: the field follows a rename made elsewhere, unless a new name is being typed in it. */
    renamed(before) {
      if (name.input.value === before) name.input.value = getTeam().name;
    },
  };
}

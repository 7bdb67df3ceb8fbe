// A member row's controls and what they do: Edit (the member dialog, a toast on save), Suspend/Restore and Remove
// (after a confirmation), each refusal explained beside its button (a full plan offers the upgrade there). The
// messages are kept by control id, so they survive the table's redraws.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { editMember } from "./member-dialog.js";
import { suspensionButton } from "./member-suspension.js";
import { upgradeButton } from "./plan-usage.js";

/** `heading`: where focus goes when a removed row is gone. Returns { controls(member, can) }: the row's actions. */
export function memberActions(ctx, { getState, onChanged, heading }) {
  const errors = new Map();

  function showError(controlId, content) {
    errors.set(controlId, content);
    const line = document.getElementById(`${controlId}-error`);
    if (line) fill(line, content);
  }

  function errorFor(controlId) {
    const line = errorLine(`${controlId}-error`);
    if (errors.has(controlId)) fill(line, errors.get(controlId));
    return line;
  }

  /** A refused suspend or restore, explained beside its button; a full plan offers the upgrade there. */
  function refusal(controlId, error, action) {
    const billing = getState().billing;
    const explained = explain(error, { action, role: ctx.role, plan: billing?.plan, limit: billing?.agent_limit });
    showError(controlId, [
      h("span", {}, explained.text),
      explained.upgradeTo
        ? upgradeButton(ctx, explained.upgradeTo, {
          onUpgraded: async () => {
            errors.delete(controlId);
            await onChanged();
          },
          error: document.getElementById(`${controlId}-error`),
        })
        : null,
    ]);
  }

  async function edit(member, can) {
    const before = { role: member.role, seat: member.seat };
    const saved = await editMember(ctx, member, can, {
      billing: getState().billing,
      onSaved: async (body) => {
        const roleText = body.role ?? before.role;
        const seatText = body.seat ?? before.seat;
        const what = roleText === "owner" ? "the owner" : roleText === "admin" ? "an admin" : "an agent";
        const capacityText = "capacity" in body
          ? body.capacity === null ? ", capacity from the workspace default" : `, capacity ${body.capacity}`
          : "";
        const skillsText = "skills" in body ? `, skills: ${body.skills.length ? body.skills.join(", ") : "none"}` : "";
        toast(`Saved: ${member.name} is now ${what} with a ${seatText} seat${capacityText}${skillsText}.`, { kind: "success" });
        await onChanged();
      },
    });
    if (saved) document.getElementById(`edit-${member.id}`)?.focus();
  }

  async function remove(member, controlId) {
    const yes = await confirmDialog({
      title: `Remove ${member.name}?`,
      message: `${member.name} (${member.email}) will lose access to ${ctx.workspace.name} at once. Their open conversations go back to the queue.`,
      confirmLabel: "Remove member",
    });
    if (!yes) return;
    errors.delete(controlId);
    try {
      await api("DELETE", `/api/v1/team/members/${encodeURIComponent(member.id)}`);
      toast(`${member.name} was removed from ${ctx.workspace.name}.`, { kind: "success" });
      // The row is gone: keep the keyboard user's place at the table's heading.
      heading.focus();
    } catch (error) {
      const billing = getState().billing;
      showError(controlId, explain(error, { action: "remove members", role: ctx.role, plan: billing?.plan, limit: billing?.agent_limit }).text);
    }
    await onChanged();
  }

  function controls(member, can) {
    const removeId = `remove-${member.id}`;
    const editId = `edit-${member.id}`;
    const editable = can.changeRole(member) || can.changeSeat(member) || can.assign;
    const suspendId = `suspend-${member.id}`;
    return [
      editable ? h("button", { type: "button", id: editId, "aria-label": `Edit ${member.name}`, onClick: () => edit(member, can) }, "Edit") : null,
      can.remove(member) ? [suspensionButton(ctx, member, { controlId: suspendId, refusal, onChanged }), errorFor(suspendId)] : null,
      can.remove(member)
        ? [h("button", { type: "button", id: removeId, class: "danger-outline", "aria-label": `Remove ${member.name}`,
          "aria-describedby": `${removeId}-error`, onClick: () => remove(member, removeId) }, "Remove"), errorFor(removeId)]
        : null,
    ].filter(Boolean);
  }
  return { controls };
}

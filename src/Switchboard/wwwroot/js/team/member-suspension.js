// Suspend or restore a member, beside Remove: suspending keeps their history but frees the seat and signs
// them out of this workspace at once; restoring takes a seat again (refused when the plan is full).
import { h } from "../dom.js";
import { api } from "../api.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";

export function suspensionButton(ctx, member, { controlId, refusal, onChanged }) {
  const suspended = member.is_active === false;
  const label = suspended ? "Restore" : "Suspend";
  const act = async () => {
    if (!suspended) {
      const yes = await confirmDialog({
        title: `Suspend ${member.name}?`,
        message: `${member.name} loses access to ${ctx.workspace.name} at once and their seat is freed. Their open conversations go back to the queue; their history stays. You can restore them later.`,
        confirmLabel: "Suspend member",
      });
      if (!yes) return;
    }
    try {
      await api("POST", `/api/v1/team/members/${encodeURIComponent(member.id)}/${suspended ? "restore" : "suspend"}`);
      toast(suspended
        ? `${member.name} was restored: they can use ${ctx.workspace.name} again.`
        : `${member.name} was suspended: their seat is free and they are signed out of ${ctx.workspace.name}.`, { kind: "success" });
    } catch (error) {
      refusal(controlId, error, suspended ? "restore members" : "suspend members");
    }
    await onChanged();
  };
  return h("button", { type: "button", id: controlId, "aria-label": `${label} ${member.name}`, "aria-describedby": `${controlId}-error`,
    onClick: act }, label);
}

/** The badge beside a suspended member's name. */
export function suspendedBadge(member) {
  return member.is_active === false ? [" ", h("span", { class: "badge suspended" }, "Suspended")] : null;
}

// "2 of 2 agents on Mini": the plan's room for full-seat agents, and the way up when it is full.
import { h, fill, capitalize } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain, nextPlan } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";

/** A button that moves the workspace to `plan` (owner only), reporting a refusal in `error`. */
export function upgradeButton(ctx, plan, { onUpgraded, error }) {
  return h("button", {
    type: "button",
    class: "primary upgrade",
    onClick: async (event) => {
      const button = event.currentTarget;
      // A plan change is billed: one click is not enough to make it.
      const yes = await confirmDialog({
        title: `Upgrade ${ctx.workspace.name} to ${capitalize(plan)}?`,
        message: `The workspace moves to the ${capitalize(plan)} plan at once, with its price and its agent limit.`,
        confirmLabel: `Yes, upgrade to ${capitalize(plan)}`,
        danger: false,
      });
      if (!yes) return;
      // Cleared only now: the refusal may hold this very button, which Cancel must leave in place.
      if (error) fill(error);
      button.setAttribute("aria-disabled", "true");
      try {
        await api("PUT", "/api/v1/billing/plan", { plan });
        toast(`${ctx.workspace.name} is now on ${capitalize(plan)}.`, { kind: "success" });
        await onUpgraded?.(plan);
      } catch (e) {
        if (error) fill(error, explain(e, { action: "change the plan", role: ctx.role }).text);
      } finally {
        button.removeAttribute("aria-disabled");
      }
    },
  }, `Upgrade to ${capitalize(plan)}`);
}

export function planUsage(ctx, { onUpgraded }) {
  const body = h("div", { class: "plan-body" });
  const el = h("section", { class: "card plan", "aria-labelledby": "plan-heading" },
    h("h2", { id: "plan-heading" }, "Plan"), body);

  function update(state, can) {
    const billing = state.billing;
    if (!billing) return;
    const { plan, agent_limit: limit, agents_used: used } = billing;
    // The API's own count (the invites card shows one page of them; expired invites hold no seat).
    const pending = billing.seats?.pending_invites ?? 0;
    const full = used >= limit;
    const upgradeTo = nextPlan(plan);
    const error = errorLine("plan-error");
    fill(body,
      h("p", { class: "plan-usage", id: "plan-usage" },
        h("strong", {}, `${used} of ${limit} agents`), ` on ${capitalize(plan)}`),
      limit > 0 ? h("progress", { max: limit, value: Math.min(used, limit), "aria-labelledby": "plan-usage" }) : null,
      h("p", { class: "muted" },
        pending ? `Includes ${pending} pending full-seat ${pending === 1 ? "invite" : "invites"}. ` : "",
        `Lite seats in use: ${billing.seats?.lite ?? 0} (they don't count against the plan).`),
      full ? h("p", { class: "notice", id: "plan-full" },
        limit === 0
          ? `The ${capitalize(plan)} plan has no room for agents besides the owner.`
          : `The ${capitalize(plan)} plan is full.`,
        " ",
        upgradeTo
          ? can.changePlan
            ? `Upgrade to ${capitalize(upgradeTo)} to add more agents.`
            : `Ask the workspace owner to upgrade to ${capitalize(upgradeTo)} to add more agents.`
          : "It is the largest plan: remove an agent or use lite seats.") : null,
      full && upgradeTo && can.changePlan ? upgradeButton(ctx, upgradeTo, { onUpgraded, error }) : null,
      error);
  }

  return { el, update };
}

// "2 of 2 agents on Mini": the plan's room for full-seat agents, and the way up when it is full.
import { h, fill, capitalize } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain, nextPlan } from "../refusal.js";
import { inviteState } from "./pending-invites.js";

/** A button that moves the workspace to `plan` (owner only), reporting a refusal in `error`. */
export function upgradeButton(ctx, plan, { onUpgraded, error }) {
  return h("button", {
    type: "button",
    class: "primary upgrade",
    onClick: async (event) => {
      const button = event.currentTarget;
      if (error) fill(error);
      button.setAttribute("aria-disabled", "true");
      try {
        await api("PUT", "/api/v1/billing/plan", { plan });
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
    // Expired invites hold no seat.
    const pending = state.invites.filter((i) => i.seat === "full" && inviteState(i) !== "expired").length;
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

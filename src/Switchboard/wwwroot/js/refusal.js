// Turns an API refusal into the sentence shown next to the control that caused it:
// 402 → the plan is full and how to upgrade, 403 → what your role cannot do, 422 → the field's message.
import { roleWithArticle, capitalize } from "./dom.js";

export const PLANS = ["free", "mini", "pro"];
export const nextPlan = (plan) => PLANS[PLANS.indexOf(plan) + 1] ?? null;

/**
 * @param error   an ApiError
 * @param context { action: "invite members", role: "admin", plan: "mini", limit: 2 }
 * @returns { text, upgradeTo } — upgradeTo is the plan to offer when the plan is the obstacle.
 */
export function explain(error, { action = "do that", role, plan, limit } = {}) {
  switch (error.status) {
    case 402: {
      const upgradeTo = plan ? nextPlan(plan) : null;
      const full = plan
        ? `The ${capitalize(plan)} plan allows ${limit ?? planLimitFrom(error.message) ?? "no more"} agents, and all of them are taken.`
        : "Your plan has no room for another agent.";
      const way = upgradeTo
        ? role === "owner"
          ? ` Upgrade to ${capitalize(upgradeTo)} to add more agents, or use a lite seat.`
          : ` Ask the workspace owner to upgrade to ${capitalize(upgradeTo)}, or use a lite seat.`
        : " Remove an agent or use a lite seat to make room.";
      return { text: full + way, upgradeTo: role === "owner" ? upgradeTo : null };
    }
    case 403: {
      const who = role ? `As ${roleWithArticle(role)}, you can't ${action}.` : `You can't ${action}.`;
      // The server's reason adds something when it names the rule (e.g. "Admins can only invite agents.").
      const reason = error.message && !/not allowed|^forbidden$/i.test(error.message) ? ` ${sentence(error.message)}` : "";
      const hint = role === "admin" && /invite|remove|seat|invites/.test(action) && !reason
        ? " Only the owner can, unless they let admins invite."
        : "";
      return { text: who + reason + hint };
    }
    case 422: {
      const messages = Object.values(error.fields);
      return { text: messages.length ? messages.join(" ") : error.message };
    }
    case 429:
      return { text: error.message || "Too many attempts. Wait a little and try again." };
    default:
      return { text: sentence(error.message) };
  }
}

/** The API's words as a sentence: a capital and a full stop. */
const sentence = (text) => (text ? text[0].toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".") : text);

function planLimitFrom(message) {
  return /allows (\d+)/.exec(message ?? "")?.[1] ?? null;
}

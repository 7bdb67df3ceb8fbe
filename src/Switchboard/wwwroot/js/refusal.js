// Turns an API refusal into the sentence shown next to the control that caused it:
// 402 → the plan is full and how to upgrade, 403 → what your role cannot do (only the owner can, or your address
// needs confirming first), 422 → the field's message, 429 → when to try again (a spent invitation budget: at what time).
import { roleWithArticle, capitalize } from "./dom.js";
import { budgetSpent, inTime } from "./refusal-time.js";

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
      const stated = limit ?? planLimitFrom(error.message);
      const allowed = stated === null || stated === undefined ? NaN : Number(stated);
      const full = !plan
        ? "Your plan has no room for another agent."
        : allowed === 0
          ? `The ${capitalize(plan)} plan includes no agents besides the owner.`
          : Number.isFinite(allowed)
            ? `The ${capitalize(plan)} plan allows ${allowed} ${allowed === 1 ? "agent" : "agents"}, and all of them are taken.`
            : `The ${capitalize(plan)} plan has no room for another agent.`;
      const way = upgradeTo
        ? role === "owner"
          ? ` Upgrade to ${capitalize(upgradeTo)} to add more agents, or use a lite seat.`
          : ` Ask the workspace owner to upgrade to ${capitalize(upgradeTo)}, or use a lite seat.`
        : " Remove an agent or use a lite seat to make room.";
      return { text: full + way, upgradeTo: role === "owner" ? upgradeTo : null };
    }
    case 403: {
      // Not about the role: any owner with an unconfirmed address hears this, so it stands alone.
      if (error.code === "email_unconfirmed") return { text: UNCONFIRMED_INVITER };
      // The workspace's two-factor policy: the server's words say where to set one up; the role is not the reason.
      if (error.code === "two_factor_setup_required" || error.body?.two_factor_setup_required) return { text: error.message };
      // Only the owner may ever do this: no role or setting would let the caller, so the role is not named.
      if (error.code === "owner_only") return { text: `Only the workspace owner can ${action}.` };
      // The role this page knows is the one that changed: naming it would be wrong, so the page asks for a reload.
      if (error.code === "rights_changed") return { text: "Your role or access in this workspace just changed, so nothing was done. Reload the page to see what you can do now." };
      const who = role ? `As ${roleWithArticle(role)}, you can't ${action}.` : `You can't ${action}.`;
      // A code other than the plain "forbidden" names a rule (e.g. admins_agents_only: "Admins can only invite
      // agents."), so its words add something; without a code nothing is added.
      const reason = error.code && error.code !== "forbidden" && error.message ? ` ${sentence(error.message)}` : "";
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
    case 503: {
      if (error.status === 503 && !error.retryAfter) return { text: sentence(error.message) };
      if (error.code === "invite_budget_spent") return { text: budgetSpent(error.retryAfter) };
      // The service's 429 (it has a code) says itself when to try again; another's (a proxy's) gets Retry-After's.
      if (error.status === 429 && error.code) return { text: sentence(error.message) };
      const said = error.body && error.message ? sentence(error.message) : "Too many attempts.";
      const when = error.retryAfter ? ` Try again ${inTime(error.retryAfter)}.` : " Wait a little and try again.";
      return { text: said + when };
    }
    default:
      return { text: sentence(error.message) };
  }
}

export const UNCONFIRMED_INVITER = "Confirm your email address before inviting people. Use the link we mailed you, or ask for a new one at the top of the page.";

/** The API's words as a sentence: a capital and a full stop. */
const sentence = (text) => (text ? text[0].toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".") : text);

function planLimitFrom(message) {
  return /allows (\d+)/.exec(message ?? "")?.[1] ?? null;
}

// Team settings as sentences, for those who may not change them: who invites, presence, two-factor, routing.
import { h } from "../dom.js";
import { policySentence } from "./two-factor-policy.js";

/** How the team is set, in sentences, for everyone but the owner. */
export function settingsSentences(settings, view) {
  return [
    h("p", {}, settings.admins_can_invite
      ? "Admins can invite and remove agents (the owner decides)."
      : "Only the owner invites and removes members (the owner decides)."),
    h("p", {}, settings.auto_offline
      ? "Members are set offline a minute after their last dashboard tab closes."
      : "Members keep their status when they close the dashboard."),
    h("p", { id: "two-factor-summary" }, policySentence(settings.require_two_factor)),
    view ? h("p", { id: "routing-summary" }, view.mode === "auto"
      ? `Conversations are routed automatically, up to ${view.default_capacity} open at once per agent.`
      : view.mode === "offer"
        ? `Each conversation is offered to one agent, who has ${view.offer_timeout_seconds} seconds to accept it.`
        : "Conversations are assigned by hand (manual routing).") : null,
  ];
}

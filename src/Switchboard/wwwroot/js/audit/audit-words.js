// The audit trail in words: each recorded action's name (the Action filter offers each) and an entry's details as
// short sentences, never raw keys, JSON or bare ids.
import { capitalize } from "../dom.js";

/** Every action the service records, in words (the Action filter offers each). */
export const ACTIONS = {
  "member.added": "Member added",
  "member.updated": "Role or seat changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "member.suspended": "Member suspended",
  "member.restored": "Member restored",
  "member.account_deleted": "Member deleted their account",
  "invite.created": "Invite sent",
  "invite.resent": "Invite sent again",
  "invite.revoked": "Invite revoked",
  "invite.accepted": "Invite accepted",
  "invite_link.created": "Invite link created",
  "invite_link.revoked": "Invite link revoked",
  "invite_link.used": "Joined through an invite link",
  "status.changed": "Status changed",
  "capacity.changed": "Capacity changed",
  "routing.changed": "Routing changed",
  "settings.changed": "Team settings changed",
  "plan.changed": "Plan changed",
  "business.updated": "Profile changed",
  "workspace.created": "Workspace created",
  "workspace.ownership_transferred": "Ownership transferred",
  "conversation.assigned": "Conversation assigned",
  "conversation.resolved": "Conversation resolved",
  "conversation.closed": "Conversation closed",
};

/** What the recorded keys mean to a reader; others are spelled out from the key. */
const KEY_WORDS = {
  auto_offline: "Set offline automatically",
  admins_can_invite: "Admins can invite",
  require_two_factor: "Two-factor required for",
  default_capacity: "Default capacity",
  reassign_after_minutes: "Reassign after (minutes)",
  mode: "Routing",
  email: "Address",
  max_uses: "Uses allowed",
  expires_in_days: "Days valid",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const words = (v) => (v === true ? "on" : v === false ? "off" : v === null || v === undefined || v === "" ? "none" : String(v).replace(/_/g, " "));
const label = (key) => KEY_WORDS[key] ?? capitalize(key.replace(/_/g, " "));

/** The entry's details as short sentences ("Role: admin · Seat: lite"), never raw keys, JSON or bare ids. */
export function details(entry) {
  const parts = [];
  const walk = (data, prefix) => {
    for (const [key, value] of Object.entries(data)) {
      // An id means nothing to a reader (the Who column and the names in the data say who).
      if (typeof value === "string" && GUID.test(value)) continue;
      const name = prefix ? `${prefix} ${label(key).toLowerCase()}` : label(key);
      if (value && typeof value === "object" && !Array.isArray(value)) walk(value, name);
      else parts.push(`${name}: ${Array.isArray(value) ? value.map(words).join(", ") : words(value)}`);
    }
  };
  if (entry.data && typeof entry.data === "object") walk(entry.data, "");
  return parts.join(" · ") || "—";
}

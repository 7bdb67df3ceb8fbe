// What the pending-invites card says of one invite: expired or not, how long it has left, who sent it.
import { parseUtc } from "../dom.js";

const DAY = 24 * 60 * 60 * 1000;

/** "expired" when the API says so or its expiry has passed; else the API's status, or "pending". */
export function inviteState(invite, now = Date.now()) {
  const expires = parseUtc(invite.expires_at);
  if (invite.status === "expired" || (expires && expires.getTime() <= now)) return "expired";
  return invite.status ?? "pending";
}

export function expiresText(invite, now = Date.now()) {
  const expires = parseUtc(invite.expires_at);
  if (!expires) return null;
  const left = expires.getTime() - now;
  if (left <= 0) return "expired";
  const days = Math.floor(left / DAY);
  if (days >= 1) return `expires in ${days} ${days === 1 ? "day" : "days"}`;
  const hours = Math.max(1, Math.round(left / (60 * 60 * 1000)));
  return `expires in ${hours} ${hours === 1 ? "hour" : "hours"}`;
}

/** The inviter as the API names them: a string, or an object with a name or email. */
export const inviterName = (inviter) => (typeof inviter === "string" ? inviter : inviter?.name ?? inviter?.full_name ?? inviter?.email ?? null);

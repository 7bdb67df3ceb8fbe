// Shown on every signed-in page until the address is confirmed: teams cannot add an unconfirmed account,
// so the banner says so and offers a new link (the API limits how often).
import { h, fill } from "./dom.js";
import { api } from "./api.js";
import { explain } from "./refusal.js";

// Tabs of one browser tell each other when the address was confirmed in one of them.
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("switchboard.email-confirmed") : null;

export function announceEmailConfirmed() {
  channel?.postMessage("confirmed");
}

/** Calls `callback` when another tab of this browser confirmed the address. */
export function onEmailConfirmedElsewhere(callback) {
  channel?.addEventListener("message", callback);
}

export function verifyBanner(ctx) {
  if (!ctx?.me || ctx.me.email_verified) return null;
  const status = h("span", { role: "status", class: "banner-status" });
  const button = h("button", { type: "button", class: "link-button", id: "resend-verification" }, "Send the link again");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const body = await api("POST", "/api/v1/auth/verify-email/resend");
      fill(status, body.message);
    } catch (error) {
      // A 429 says when the next link can be asked for (from Retry-After), not only that it is too soon.
      fill(status, explain(error, { action: "send the link again" }).text);
    } finally {
      button.disabled = false;
    }
  });
  return h("p", { class: "notice verify-banner", id: "verify-banner" },
    `Confirm your email address (${ctx.me.email}) with the link we sent, so that teams can add you. `, button, " ", status);
}

// /verify-email?token=…: the page the confirmation mail links to. It posts the token once and says what
// happened; no sign-in is needed (the link is the proof), but a signed-in tab learns it at once.
import { h } from "../dom.js";
import { api } from "../api.js";
import { announceEmailConfirmed } from "../verify-banner.js";

export async function verifyEmailPage(main, app) {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const heading = h("h1", { tabindex: -1 }, "Confirming your email address…");
  const message = h("p", { role: "status" });
  const card = h("div", { class: "narrow card", id: "verify-email" }, heading, message);
  main.append(card);
  // The token leaves the address bar (and the history) once read.
  history.replaceState({}, "", "/verify-email");
  try {
    if (!token) throw new Error("This link has no token. Open the link from the email again.");
    await api("POST", "/api/v1/auth/verify-email", { token }, { auth: false });
    heading.textContent = "Email address confirmed";
    message.textContent = "Thank you: teams can now add you to their workspace.";
    // A signed-in tab knows at once (re-rendering this page would post the token again).
    if (app.ctx?.me) app.ctx.me.email_verified = true;
    // Other tabs of this browser drop their banner too (the confirmation usually opens in a new tab).
    announceEmailConfirmed();
  } catch (error) {
    heading.textContent = "This link does not work";
    message.className = "error";
    message.textContent = error.message;
  }
  card.append(h("p", {}, h("a", { href: "/" }, "Go to Switchboard")));
}

// The sign-in page's other ways in: a passkey, and the workspace's single sign-on found by the address's domain.
import { h } from "../dom.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { browserRefusal, signInWithPasskey, supported, UNSUPPORTED } from "../passkeys.js";

// A passkey signs in without the password and stands for the second factor too (the authenticator verified the
// person), so it also finishes a sign-in that is asking for a code.
export function passkeyButton(app, next) {
  const error = errorLine("passkey-error");
  const button = h("button", { type: "button", id: "passkey-sign-in" }, "Sign in with a passkey");
  button.addEventListener("click", async () => {
    error.textContent = "";
    if (!supported()) return (error.textContent = UNSUPPORTED);
    button.disabled = true;
    try {
      const body = await signInWithPasskey();
      await app.signIn(body.access_token, next);
    } catch (e) {
      error.textContent = browserRefusal(e) ?? explain(e, { action: "sign in with the passkey" }).text;
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "form-actions" }, button, error);
}

// Single sign-on: the workspace is found by the address's verified domain. The start is asked first without
// following its redirect, so an address no workspace signs in through SSO is a line here, not a JSON page; then
// the browser goes there for real (the first answer's sign-in is left unused and expires in ten minutes).
export function ssoButton(email) {
  const error = errorLine("sso-error");
  // A refused single sign-on comes back here with the reason in the fragment: shown, then out of the address bar.
  const refused = new URLSearchParams(location.hash.slice(1)).get("sso_error");
  if (refused) {
    error.textContent = refused;
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  const button = h("button", { type: "button", id: "sso-sign-in" }, "Sign in with single sign-on");
  button.addEventListener("click", async () => {
    error.textContent = "";
    const address = email.input.value.trim();
    if (!address) {
      error.textContent = "Enter your work email address first: it tells which workspace's sign-in to use.";
      return email.input.focus();
    }
    const start = `/api/v1/auth/sso/start?email=${encodeURIComponent(address)}`;
    button.disabled = true;
    try {
      const probe = await fetch(start, { redirect: "manual" });
      if (probe.type === "opaqueredirect") return location.assign(start);
      const body = await probe.json().catch(() => null);
      const detail = Array.isArray(body?.detail) ? body.detail.map((d) => d.msg).join(" ") : body?.detail;
      error.textContent = detail ?? "Single sign-on could not start. Try again, or sign in with your password.";
    } catch {
      error.textContent = "Switchboard could not be reached. Check your connection and try again.";
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "form-actions" }, button, error);
}

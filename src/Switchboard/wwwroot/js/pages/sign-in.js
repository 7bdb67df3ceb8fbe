// Sign in with email and password, or with a passkey; ?next= brings you back where you were going (an invite link, say).
import { h } from "../dom.js";
import { api } from "../api.js";
import { form, textField, errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { browserRefusal, signInWithPasskey, supported, UNSUPPORTED } from "../passkeys.js";

export function safeNext(search) {
  const next = new URLSearchParams(search).get("next");
  // Only paths on this site: never an open redirect.
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function signInPage(main, app) {
  const next = safeNext(location.search);
  const email = textField({ label: "Email", name: "email", type: "email", autocomplete: "username", required: true });
  const password = textField({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true });
  // Shown only when the answer says the account has a second factor (after the right password).
  const otp = textField({ label: "Authentication code", name: "otp", autocomplete: "one-time-code", inputmode: "numeric",
    hint: "The 6-digit code from your authenticator app, or one of your recovery codes." });
  otp.wrapper.hidden = true;
  const signIn = form({
    label: "Sign in",
    fields: [email, password, otp],
    submitLabel: "Sign in",
    async onSubmit(values, f) {
      const { otp: code, ...credentials } = values;
      try {
        const body = await api("POST", "/api/v1/auth/login", code.trim() ? { ...credentials, otp: code.trim() } : credentials, { auth: false });
        await app.signIn(body.access_token, next);
      } catch (error) {
        if (error.status === 401 && error.body?.two_factor_required) {
          const asked = otp.wrapper.hidden;
          otp.wrapper.hidden = false;
          otp.input.value = "";
          otp.setError(asked ? "Enter the code from your authenticator app to finish signing in." : error.message);
          otp.input.focus();
          return;
        }
        f.showError(error, { action: "sign in" });
      }
    },
  });
  main.append(
    h("div", { class: "narrow card" },
      h("h1", {}, "Sign in to Switchboard"),
      signIn.el,
      passkeyButton(app, next),
      ssoButton(email),
      h("p", {}, h("a", { href: "/forgot-password" }, "Forgot your password?")),
      h("p", {}, "New here? ", h("a", { href: `/signup${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}` }, "Create an account"))));
}

// A passkey signs in without the password and stands for the second factor too (the authenticator verified the
// person), so it also finishes a sign-in that is asking for a code.
function passkeyButton(app, next) {
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
function ssoButton(email) {
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

// Sign in with email and password, or with a passkey; ?next= brings you back where you were going (an invite link, say).
import { h } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { passkeyButton, ssoButton } from "../sign-in/other-ways.js";

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

// Sign in with email and password; ?next= brings you back where you were going (an invite link, say).
import { h } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";

export function safeNext(search) {
  const next = new URLSearchParams(search).get("next");
  // Only paths on this site: never an open redirect.
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function signInPage(main, app) {
  const next = safeNext(location.search);
  const email = textField({ label: "Email", name: "email", type: "email", autocomplete: "username", required: true });
  const password = textField({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const signIn = form({
    label: "Sign in",
    fields: [email, password],
    submitLabel: "Sign in",
    async onSubmit(values, f) {
      try {
        const body = await api("POST", "/api/v1/auth/login", values, { auth: false });
        await app.signIn(body.access_token, next);
      } catch (error) {
        f.showError(error, { action: "sign in" });
      }
    },
  });
  main.append(
    h("div", { class: "narrow card" },
      h("h1", {}, "Sign in to Switchboard"),
      signIn.el,
      h("p", {}, h("a", { href: "/forgot-password" }, "Forgot your password?")),
      h("p", {}, "New here? ", h("a", { href: `/signup${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}` }, "Create an account"))));
}

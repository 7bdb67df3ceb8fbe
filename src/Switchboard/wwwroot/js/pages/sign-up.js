// Create an account (PingBack's register); then on to creating a workspace, or back to ?next=.
import { h } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { safeNext } from "./sign-in.js";

export function signUpPage(main, app) {
  const next = safeNext(location.search);
  const name = textField({ label: "Full name", name: "full_name", autocomplete: "name", required: true, maxlength: 255 });
  const email = textField({ label: "Email", name: "email", type: "email", autocomplete: "email", required: true });
  const password = textField({
    label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true,
    hint: "At least 8 characters, not easy to guess (no repeated letters, keyboard rows, or your own name or address).",
  });
  const signUp = form({
    label: "Create your account",
    fields: [name, email, password],
    submitLabel: "Create account",
    async onSubmit(values, f) {
      try {
        const body = await api("POST", "/api/v1/auth/register", values, { auth: false });
        await app.signIn(body.access_token, next === "/" ? "/workspaces/new" : next);
      } catch (error) {
        // "Email already registered" comes as a 400: it belongs to the email field.
        f.showError(error, { action: "create an account" }, { 400: "email" });
      }
    },
  });
  main.append(
    h("div", { class: "narrow card" },
      h("h1", {}, "Create your Switchboard account"),
      signUp.el,
      h("p", {}, "Already have an account? ", h("a", { href: `/login${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}` }, "Sign in"))));
}

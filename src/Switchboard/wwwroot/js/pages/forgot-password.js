// /forgot-password: ask for a reset link. The answer is the same whether or not the address has an account,
// so the page says what happens next in the same words for everyone.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";

export function forgotPasswordPage(main) {
  const email = textField({ label: "Email", name: "email", type: "email", autocomplete: "username", required: true,
    value: new URLSearchParams(location.search).get("email") ?? undefined });
  const done = h("p", { role: "status", id: "forgot-done" });
  const ask = form({
    label: "Reset your password",
    fields: [email],
    submitLabel: "Send me a link",
    async onSubmit(values, f) {
      try {
        const body = await api("POST", "/api/v1/auth/password/forgot", values, { auth: false });
        fill(done, `${body.message} Check your inbox (and the spam folder) in a minute.`);
      } catch (error) {
        f.showError(error, { action: "ask for a reset link" });
      }
    },
  });
  main.append(h("div", { class: "narrow card" },
    h("h1", {}, "Reset your password"),
    h("p", {}, "Enter the address of your account. We'll mail a link that lets you choose a new password; it works once, for 30 minutes."),
    ask.el, done,
    h("p", {}, h("a", { href: "/login" }, "Back to sign in"))));
}

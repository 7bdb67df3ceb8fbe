// /reset-password?token=…: the page the reset mail links to. Choosing a new password signs you in here and
// signs out every other session of the account (a lost laptop, or whoever registered your address before you).
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";

export function resetPasswordPage(main, app) {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  // The token leaves the address bar (and the history) once read.
  history.replaceState({}, "", "/reset-password");
  const card = h("div", { class: "narrow card", id: "reset-password" }, h("h1", {}, "Choose a new password"));
  main.append(card);
  if (!token) {
    card.append(h("p", { class: "error" }, "This link has no token. Open the link from the email again, or ask for a new one."),
      h("p", {}, h("a", { href: "/forgot-password" }, "Ask for a new link")));
    return;
  }
  const password = textField({ label: "New password", name: "password", type: "password", autocomplete: "new-password",
    required: true, hint: "At least 8 characters, not easy to guess (no repeated letters, keyboard rows, or your own name)." });
  // An account with a second factor also gives a code: the mailbox alone does not get past it.
  const otp = textField({ label: "Authentication code", name: "otp", autocomplete: "one-time-code",
    hint: "The 6-digit code from your authenticator app, or one of your recovery codes." });
  otp.wrapper.hidden = true;
  const gone = h("p", {});
  const reset = form({
    label: "Choose a new password",
    fields: [password, otp],
    submitLabel: "Save and sign in",
    async onSubmit(values, f) {
      fill(gone);
      const code = values.otp.trim();
      try {
        const body = await api("POST", "/api/v1/auth/password/reset",
          code ? { token, password: values.password, otp: code } : { token, password: values.password }, { auth: false });
        await app.signIn(body.access_token, "/");
      } catch (error) {
        if (error.status === 401 && error.body?.two_factor_required) {
          const asked = otp.wrapper.hidden;
          otp.wrapper.hidden = false;
          otp.setError(asked ? "Your account uses an authenticator app: enter its code to finish." : error.message);
          otp.input.focus();
          return;
        }
        f.showError(error, { action: "reset the password" }, { 400: "password" });
        if (error.status === 410 || error.status === 400) fill(gone, h("a", { href: "/forgot-password" }, "Ask for a new link"));
      }
    },
  });
  card.append(h("p", {}, "Saving signs out every other session of your account and confirms your email address."), reset.el, gone);
}

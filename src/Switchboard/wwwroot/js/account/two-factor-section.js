// The account page's two-factor card: off (set up an app behind the password), the setup (QR code, key, first code),
// the recovery codes shown once, and on (turn off with the password and a code).
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { qrSvg } from "../qr-svg.js";
import { toast } from "../toast.js";

export function twoFactorSection(app) {
  const section = h("section", { class: "card", id: "account-2fa", "aria-labelledby": "twofactor-heading" });
  const content = h("div", {});
  section.append(h("h2", { id: "twofactor-heading" }, "Two-factor authentication"), content);
  if (app.ctx.me.two_factor_enabled) showOn(app, content);
  else showOff(app, content);
  return section;
}

function showOff(app, content) {
  // The password is asked first: a factor set up from a stolen session would lock the real owner out.
  const password = textField({ label: "Your password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const start = form({
    label: "Set up an authenticator app",
    fields: [password],
    submitLabel: "Set up an authenticator app",
    async onSubmit(values, f) {
      try {
        showSetup(app, content, await api("POST", "/api/v1/auth/2fa/totp", { password: values.password }));
      } catch (error) {
        f.showError(error, { action: "start the setup" }, { 400: "password" });
      }
    },
  });
  start.submit.id = "start-2fa";
  fill(content,
    h("p", {}, "Off. With an authenticator app (Google Authenticator, 1Password, Authy…) signing in also asks for a code from your phone."),
    start.el);
}

function showSetup(app, content, setup) {
  const picture = qrSvg(setup.qr_svg, "QR code to scan with your authenticator app");
  const code = textField({ label: "Code from the app", name: "code", autocomplete: "one-time-code", inputmode: "numeric", required: true, maxlength: 6 });
  const confirm = form({
    label: "Confirm the authenticator",
    fields: [code],
    submitLabel: "Turn on",
    async onSubmit(values, f) {
      try {
        const answer = await api("POST", "/api/v1/auth/2fa/totp/confirm", { code: values.code.trim() });
        app.ctx.me.two_factor_enabled = true;
        showRecoveryCodes(app, content, answer.recovery_codes);
      } catch (error) {
        f.showError(error, { action: "turn on two-factor authentication" }, { 400: "code" });
      }
    },
  });
  fill(content,
    h("p", {}, "Scan this QR code with your authenticator app, then enter the 6-digit code it shows."),
    picture ? h("div", { class: "qr" }, picture) : null,
    h("p", {}, "Can't scan it? Enter this key in the app instead: ", h("code", { id: "totp-secret" }, setup.secret)),
    confirm.el);
  code.input.focus();
}

function showRecoveryCodes(app, content, codes) {
  const done = h("button", { type: "button", class: "primary" }, "I have saved these codes");
  done.addEventListener("click", () => showOn(app, content));
  fill(content,
    h("p", { role: "status", class: "success" }, "Two-factor authentication is on."),
    h("p", {}, "Save these recovery codes somewhere safe. Each one signs you in once without your phone. They are shown only now."),
    h("ul", { id: "recovery-codes" }, codes.map((c) => h("li", {}, h("code", {}, c)))),
    done);
  done.focus();
}

function showOn(app, content) {
  const password = textField({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const code = textField({ label: "Code from the app or a recovery code", name: "code", autocomplete: "one-time-code", required: true });
  const off = form({
    label: "Turn off two-factor authentication",
    fields: [password, code],
    submitLabel: "Turn off",
    async onSubmit(values, f) {
      try {
        await api("DELETE", "/api/v1/auth/2fa/totp", { password: values.password, code: values.code.trim() });
        app.ctx.me.two_factor_enabled = false;
        toast("Two-factor authentication is off.", { kind: "success" });
        showOff(app, content);
      } catch (error) {
        f.showError(error, { action: "turn off two-factor authentication" });
      }
    },
  });
  fill(content,
    h("p", { id: "twofactor-state" }, "On: signing in asks for a code from your authenticator app."),
    h("details", {}, h("summary", {}, "Turn off two-factor authentication"), off.el));
}

// /account: the signed-in person's own account — name, password, where they are signed in, the authenticator app and passkeys.
import { h, fill, timeEl, cell } from "../dom.js";
import { api } from "../api.js";
import { form, textField, errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { qrSvg } from "../qr-svg.js";
import { toast } from "../toast.js";
import { passkeysSection } from "./account-passkeys.js";

export async function accountPage(main, app) {
  const me = app.ctx.me;
  const who = h("p", { class: "muted", id: "account-who" }, `${me.full_name} · ${me.email}`);
  main.append(
    h("h1", {}, "Your account"),
    who,
    h("p", {}, h("a", { href: "/account/danger", id: "account-danger-link" }, "Change your email address, export your data or delete your account")),
    nameSection(me, who),
    passwordSection(),
    await sessionsSection(),
    twoFactorSection(app),
    await passkeysSection());
}

function nameSection(me, who) {
  const name = textField({ label: "Your name", name: "full_name", autocomplete: "name", required: true, maxlength: 255,
    hint: "What your teammates see on the team page and on assignments." });
  name.input.value = me.full_name;
  const change = form({
    label: "Change your name",
    fields: [name],
    submitLabel: "Save name",
    async onSubmit(values, f) {
      try {
        const user = await api("PATCH", "/api/v1/auth/me", { full_name: values.full_name });
        me.full_name = user.full_name;
        name.input.value = user.full_name;
        fill(who, `${user.full_name} · ${user.email}`);
        toast("Name saved.", { kind: "success" });
      } catch (error) {
        f.showError(error, { action: "change your name" });
      }
    },
  });
  return h("section", { class: "card", id: "account-name", "aria-labelledby": "name-heading" },
    h("h2", { id: "name-heading" }, "Name"), change.el);
}

function passwordSection() {
  const done = h("p", { class: "success", role: "status" });
  const current = textField({ label: "Current password", name: "current_password", type: "password", autocomplete: "current-password", required: true });
  const next = textField({ label: "New password", name: "new_password", type: "password", autocomplete: "new-password", required: true,
    hint: "At least 8 characters, not easy to guess. Saving signs out your other sessions." });
  const change = form({
    label: "Change password",
    fields: [current, next],
    submitLabel: "Change password",
    async onSubmit(values, f) {
      fill(done);
      try {
        await api("POST", "/api/v1/auth/password/change", values);
        current.input.value = "";
        next.input.value = "";
        fill(done, "Password changed. Your other sessions were signed out.");
      } catch (error) {
        f.showError(error, { action: "change the password" }, { 400: "current_password" });
      }
    },
  });
  return h("section", { class: "card", id: "account-password", "aria-labelledby": "password-heading" },
    h("h2", { id: "password-heading" }, "Password"), change.el, done);
}

async function sessionsSection() {
  const section = h("section", { class: "card", id: "account-sessions", "aria-labelledby": "sessions-heading" });
  const error = errorLine("sessions-error");
  const body = h("tbody", {});
  const others = h("button", { type: "button", id: "sign-out-others" }, "Sign out everywhere else");

  async function load() {
    const sessions = await api("GET", "/api/v1/auth/sessions");
    fill(body, sessions.map((s) => h("tr", { dataset: { session: String(s.id) } },
      cell("Device", {}, s.user_agent ?? "Unknown device", s.current ? h("span", { class: "badge" }, "This session") : null),
      cell("Address", {}, s.ip ?? "—"),
      cell("Signed in", {}, timeEl(s.created_at, true)),
      cell("Last used", {}, timeEl(s.last_used_at, true)),
      cell("Actions", {}, s.current ? null : h("button", {
        type: "button", class: "link-button", "aria-label": `Sign out ${s.user_agent ?? "this device"} (session ${s.id})`,
        onClick: () => act(() => api("DELETE", `/api/v1/auth/sessions/${encodeURIComponent(s.id)}`), "Session signed out."),
      }, "Sign out")))));
    others.hidden = !sessions.some((s) => !s.current);
  }

  async function act(call, message) {
    fill(error);
    try {
      await call();
      toast(message, { kind: "success" });
      await load();
    } catch (e) {
      fill(error, explain(e, { action: "sign out that session" }).text);
    }
  }

  others.addEventListener("click", () => act(() => api("DELETE", "/api/v1/auth/sessions"), "Every other session was signed out."));
  await load();
  section.append(
    h("h2", { id: "sessions-heading" }, "Where you're signed in"),
    h("div", { class: "table-scroll" }, h("table", { class: "responsive", id: "sessions" },
      h("thead", {}, h("tr", {}, ["Device", "Address", "Signed in", "Last used", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
      body)),
    h("div", { class: "form-actions" }, others),
    error);
  return section;
}

function twoFactorSection(app) {
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

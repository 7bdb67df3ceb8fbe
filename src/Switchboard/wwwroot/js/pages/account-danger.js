// /account/danger: the account's grave steps — move it to another address (a link goes to the new one), download
// everything held about you, delete the account. /confirm-email-change?token=…: the page the new address's mail
// links to. Each step asks for the password; deletion also waits for "DELETE" typed out.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { session } from "../session.js";

export function accountDangerPage(main, app) {
  const me = app.ctx.me;
  const password = (name = "password") =>
    textField({ label: "Your password", name, type: "password", autocomplete: "current-password", required: true });

  const sent = h("p", { role: "status", id: "email-change-sent" });
  const change = form({
    label: "Change email address",
    fields: [textField({ label: "New email address", name: "new_email", type: "email", autocomplete: "email", required: true }), password()],
    submitLabel: "Send a confirmation link",
    async onSubmit(values, f) {
      fill(sent);
      try {
        fill(sent, (await api("POST", "/api/v1/auth/email/change", values)).message);
      } catch (error) {
        f.showError(error, { action: "change the address" }, { 400: "password" });
      }
    },
  });

  const exportButton = h("button", { type: "button", id: "export-account" }, "Download my data");
  exportButton.addEventListener("click", async () => {
    try {
      const data = await api("GET", "/api/v1/auth/me/export");
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      h("a", { href: url, download: "switchboard-account.json" }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      toast(error.message, { kind: "warning" });
    }
  });

  const typed = textField({ label: "Type DELETE to confirm", name: "confirm", autocomplete: "off", required: true });
  const remove = form({
    label: "Delete account",
    fields: [typed, password()],
    submitLabel: "Delete my account",
    async onSubmit(values, f) {
      const yes = await confirmDialog({ title: "Delete your account?", confirmLabel: "Delete for good",
        message: "You leave every workspace, workspaces you own alone are deleted, and every session ends. This cannot be undone." });
      if (!yes) return;
      try {
        await api("DELETE", "/api/v1/auth/me", { password: values.password });
        session.forget();
        location.assign("/login");
      } catch (error) {
        f.showError(error, { action: "delete the account" }, { 400: "password" });
      }
    },
  });
  remove.submit.classList.replace("primary", "danger");
  remove.submit.disabled = true;
  typed.input.addEventListener("input", () => {
    remove.submit.disabled = typed.input.value !== "DELETE";
  });

  main.append(h("div", { class: "narrow", id: "account-danger" },
    h("h1", {}, "Account: address, data and deletion"),
    h("section", { class: "card" }, h("h2", {}, "Email address"),
      h("p", {}, `You sign in as ${me.email}. A new address takes effect once you open the link we mail to it; your current address is told.`),
      change.el, sent),
    h("section", { class: "card" }, h("h2", {}, "Your data"),
      h("p", {}, "Your profile, memberships, sessions and the audit entries about you, as JSON. No password or secret is included."),
      exportButton),
    h("section", { class: "card danger-zone" }, h("h2", {}, "Delete account"),
      h("p", {}, "If you own a workspace with other members, transfer its ownership or delete it first (Settings → Team)."),
      remove.el)));
}

export function confirmEmailChangePage(main, app) {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  // The token leaves the address bar (and the history) once read.
  history.replaceState({}, "", "/confirm-email-change");
  const status = h("p", { role: "status" }, token ? "Confirming your new address…" : "This link has no token. Open the link from the email again.");
  main.append(h("div", { class: "narrow card", id: "confirm-email-change" }, h("h1", {}, "Confirm your new address"), status));
  if (!token) return;
  api("POST", "/api/v1/auth/email/confirm", { token }, { auth: false }).then(
    (body) => {
      fill(status, `Done: you now sign in as ${body.email}.`);
      // A signed-in tab learns the new address without re-rendering: this page, drawn again, has no token to show.
      if (app.ctx?.me) Object.assign(app.ctx.me, { email: body.email, email_verified: true });
    },
    (error) => fill(status, h("span", { class: "error" }, error.message)));
}

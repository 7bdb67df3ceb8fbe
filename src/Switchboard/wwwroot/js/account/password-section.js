// The account page's Password card: the current password and a new one; saving signs out the other sessions.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";

export function passwordSection() {
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

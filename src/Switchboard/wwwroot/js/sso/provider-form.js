// The OpenID Connect provider's form (PUT /api/v1/team/sso). The client secret is write-only: the service never
// shows it again, and a save that leaves the box empty keeps the stored one (it is required only the first time).
import { h, uid } from "../dom.js";
import { api } from "../api.js";
import { form, textField, selectField, errorLine } from "../forms.js";
import { toast } from "../toast.js";
import { mappingList } from "./mapping-list.js";

function enforceField() {
  const id = uid("enforce");
  const input = h("input", { type: "checkbox", id, name: "enforce", "aria-describedby": `${id}-hint ${id}-error` });
  const error = errorLine(`${id}-error`);
  const wrapper = h("div", { class: "field", dataset: { field: "enforce" } },
    h("div", { class: "checkbox" }, input, h("label", { for: id }, "Members must sign in through the provider")),
    h("p", { class: "hint", id: `${id}-hint` }, "Members whose address is in a verified domain can no longer sign in with a password or a "
      + "passkey. You, the owner, keep your password, so a provider that stops working cannot lock you out."),
    error);
  return { wrapper, input, name: "enforce", setError: (text) => { error.textContent = text ?? ""; } };
}

export function providerForm(ctx, { onSaved }) {
  const issuer = textField({ label: "Issuer URL", name: "issuer", type: "url", maxlength: 2048, autocomplete: "off",
    hint: "Exactly as the provider's discovery document names it, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0" });
  const clientId = textField({ label: "Client ID", name: "client_id", maxlength: 255, autocomplete: "off" });
  const secret = textField({ label: "Client secret", name: "client_secret", type: "password", maxlength: 2000, autocomplete: "new-password",
    hint: "Stored encrypted and never shown again." });
  const role = selectField({ label: "Role of new members", name: "default_role", options: [["agent", "Agent"], ["admin", "Admin"]], value: "agent" });
  const seat = selectField({ label: "Seat of new members", name: "default_seat", options: [["full", "Full seat"], ["lite", "Lite seat"]], value: "full" });
  const claim = textField({ label: "Role claim (optional)", name: "role_claim", maxlength: 255, autocomplete: "off",
    hint: "A claim of the ID token, such as groups or roles, whose values give a role and a seat below." });
  const roleMap = mappingList({ name: "role_map", key: "value", legend: "Role map", valueLabel: "Claim value", addLabel: "Add a claim value",
    hint: "Exact, case-sensitive values. In several, the highest role and a full seat if any gives one; in none, the role and seat above." });
  const enforce = enforceField();
  let secretSet = false;

  const saveForm = form({
    label: "OpenID Connect provider",
    fields: [issuer, clientId, secret, role, seat, claim, roleMap, enforce],
    submitLabel: "Save single sign-on",
    async onSubmit(values, f) {
      const payload = {
        issuer: values.issuer.trim(), client_id: values.client_id.trim(), default_role: values.default_role,
        default_seat: values.default_seat, role_claim: values.role_claim.trim(), role_map: roleMap.read(), enforce: enforce.input.checked,
      };
      // Empty keeps the stored secret: the service reads a missing client_secret that way.
      if (values.client_secret) payload.client_secret = values.client_secret;
      try {
        const view = await api("PUT", "/api/v1/team/sso", payload);
        toast("Single sign-on saved.", { kind: "success" });
        await onSaved(view);
        f.submit.focus();
      } catch (e) {
        f.showError(e, { action: "manage single sign-on", role: ctx.role });
      }
    },
  });

  /** Fills the form from GET's view (null: no provider yet). */
  function show(view) {
    issuer.input.value = view?.issuer ?? "";
    clientId.input.value = view?.client_id ?? "";
    secret.input.value = "";
    secretSet = !!view?.client_secret_set;
    secret.input.placeholder = secretSet ? "A secret is set: leave empty to keep it" : "";
    secret.input.required = !secretSet;
    role.input.value = view?.default_role ?? "agent";
    seat.input.value = view?.default_seat ?? "full";
    claim.input.value = view?.role_claim ?? "";
    roleMap.show(view?.role_map ?? []);
    enforce.input.checked = !!view?.enforce;
  }

  return { el: saveForm.el, show };
}

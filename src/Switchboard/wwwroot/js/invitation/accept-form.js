// The invitation page's form for a newcomer: name, password and confirmation, with Pipeback's rules ticked as they
// type and checked before the round trip; an address that already has an account is sent to sign in and join.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";

const MAX = 255;
const MIN_PASSWORD = 8;

/** One rule of the seed, ticked while you type. */
function rule(text) {
  const state = h("span", { class: "visually-hidden" });
  const li = h("li", { class: "rule" }, h("span", { class: "rule-mark", "aria-hidden": "true" }), text, state);
  return {
    li,
    set(met) {
      li.classList.toggle("met", met);
      fill(state, met ? " (done)" : " (not yet)");
    },
  };
}

export function acceptForm(app, invite, id) {
  const nameRules = { required: rule("Required"), max: rule(`At most ${MAX} characters`) };
  const passwordRules = { min: rule(`At least ${MIN_PASSWORD} characters`), max: rule(`At most ${MAX} characters`) };
  const confirmRules = { same: rule("Matches the password") };
  const list = (rules) => h("ul", { class: "rules" }, Object.values(rules).map((r) => r.li));

  const email = textField({ label: "Email", name: "email", type: "email", value: invite.email, readonly: true, autocomplete: "username",
    hint: "The address the invitation was sent to." });
  const name = textField({ label: "Full name", name: "name", autocomplete: "name", required: true, maxlength: MAX, hint: list(nameRules) });
  const password = textField({ label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true,
    hint: list(passwordRules) });
  const confirmation = textField({ label: "Confirm password", name: "password_confirmation", type: "password",
    autocomplete: "new-password", required: true, hint: list(confirmRules) });

  const check = () => {
    const n = name.input.value.trim();
    const p = password.input.value;
    nameRules.required.set(n.length > 0);
    nameRules.max.set(n.length <= MAX);
    passwordRules.min.set(p.length >= MIN_PASSWORD);
    passwordRules.max.set(p.length <= MAX);
    confirmRules.same.set(p.length > 0 && p === confirmation.input.value);
  };
  for (const f of [name, password, confirmation]) f.input.addEventListener("input", check);
  check();

  const accept = form({
    label: "Create your account",
    fields: [email, name, password, confirmation],
    submitLabel: `Create account and join`,
    async onSubmit(values, f) {
      // The same rules the server applies, checked first so nobody waits for a round trip to learn them.
      const local = [];
      if (!values.name.trim()) local.push([name, "Enter your name."]);
      if (values.password.length < MIN_PASSWORD) local.push([password, `Use at least ${MIN_PASSWORD} characters.`]);
      else if (values.password.length > MAX) local.push([password, `Use at most ${MAX} characters.`]);
      if (values.password !== values.password_confirmation) local.push([confirmation, "The confirmation does not match the password."]);
      if (local.length) {
        for (const [field, message] of local) field.setError(message);
        local[0][0].input.focus();
        return;
      }
      try {
        const body = await api("POST", `/app/invites/${encodeURIComponent(id)}`,
          { ...values, name: values.name.trim(), device: "web" }, { auth: false });
        await app.signIn(body.token, "/team", invite.workspace_id);
      } catch (error) {
        // Laravel files a confirmation mismatch under "password"; it belongs beside the confirmation.
        if (error.fields?.password && error.fieldCodes?.password === "confirmation_mismatch") {
          error.fields.password_confirmation = error.fields.password;
          delete error.fields.password;
        }
        f.showError(error, { action: "accept this invitation" });
        if (error.fields?.email && error.fieldCodes?.email === "account_exists") {
          // The address has an account: its owner signs in and joins; nobody sets its password from here.
          email.setError(`${error.fields.email}`);
          f.formError.append(
            h("a", { href: `/login?next=${encodeURIComponent(`/invite/${id}`)}`, id: "sign-in-to-join" }, "Sign in to join"), " · ",
            h("a", { href: `/forgot-password?email=${encodeURIComponent(invite.email)}` }, "Forgot the password?"));
        }
      }
    },
  });
  return accept.el;
}

// The Account page's "Passkeys" card: add one (the browser asks the authenticator), see them, remove one with the password.
import { h, fill, timeEl, cell } from "../dom.js";
import { api } from "../api.js";
import { form, textField, errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";
import { addPasskey, browserRefusal, supported, UNSUPPORTED } from "../passkeys.js";

export async function passkeysSection() {
  const section = h("section", { class: "card", id: "account-passkeys", "aria-labelledby": "passkeys-heading" });
  const error = errorLine("passkeys-error");
  const body = h("tbody", {});
  const table = h("div", { class: "table-scroll" }, h("table", { class: "responsive", id: "passkeys" },
    h("thead", {}, h("tr", {}, ["Name", "Added", "Last used", "Actions"].map((t) => h("th", { scope: "col" }, t)))), body));
  const empty = h("p", { class: "muted", id: "passkeys-empty" }, "No passkeys yet.");
  const removal = h("div", {});

  async function load() {
    const passkeys = await api("GET", "/api/v1/auth/passkeys");
    table.hidden = passkeys.length === 0;
    empty.hidden = passkeys.length > 0;
    fill(body, passkeys.map((p) => h("tr", { dataset: { passkey: p.id } },
      cell("Name", {}, p.name),
      cell("Added", {}, timeEl(p.created_at, true)),
      cell("Last used", {}, p.last_used_at ? timeEl(p.last_used_at, true) : "Never"),
      cell("Actions", {}, h("button", { type: "button", class: "link-button", "aria-label": `Remove passkey ${p.name}`,
        onClick: () => askPassword(p) }, "Remove")))));
  }

  // Removing asks for the password, so a session left open elsewhere cannot take a factor away.
  function askPassword(passkey) {
    const password = textField({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true });
    const confirm = form({
      label: `Remove passkey ${passkey.name}`,
      fields: [password],
      submitLabel: "Remove passkey",
      async onSubmit(values, f) {
        try {
          await api("DELETE", `/api/v1/auth/passkeys/${encodeURIComponent(passkey.id)}`, { password: values.password });
          fill(removal);
          toast("Passkey removed.", { kind: "success" });
          await load();
        } catch (e) {
          f.showError(e, { action: "remove the passkey" }, { 400: "password" });
        }
      },
    });
    fill(removal, h("p", {}, `To remove “${passkey.name}”, enter your password.`), confirm.el);
    password.input.focus();
  }

  const name = textField({ label: "Name (optional)", name: "name", maxlength: 100, hint: "Say which device it is on, like “Work laptop”." });
  const add = form({
    label: "Add a passkey",
    fields: [name],
    submitLabel: "Add a passkey",
    async onSubmit(values, f) {
      if (!supported()) return fill(f.formError, UNSUPPORTED);
      try {
        const added = await addPasskey(values.name.trim());
        name.input.value = "";
        toast(`Passkey “${added.name}” added.`, { kind: "success" });
        await load();
      } catch (e) {
        const words = browserRefusal(e);
        if (words) fill(f.formError, words);
        else f.showError(e, { action: "add the passkey" });
      }
    },
  });

  await load();
  section.append(
    h("h2", { id: "passkeys-heading" }, "Passkeys"),
    h("p", {}, "Sign in with your fingerprint, face or device PIN instead of a password. A passkey counts as a second factor."),
    table, empty, removal, add.el, error);
  return section;
}

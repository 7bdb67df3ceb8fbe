// The account page's Name card: the name teammates see, saved with a toast.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField } from "../forms.js";
import { toast } from "../toast.js";

export function nameSection(me, who) {
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

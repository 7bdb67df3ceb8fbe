// Labelled fields whose error sits right under the input and is tied to it (aria-describedby,
// aria-invalid), so a screen reader reads the message with the field.
import { h, uid, fill } from "./dom.js";
import { explain } from "./refusal.js";

/** An error line, present (empty) from the start so that filling it is announced. */
export function errorLine(id = uid("error")) {
  return h("p", { id, class: "error", role: "alert" });
}

function field(control, { label, name, hint }) {
  const id = control.id;
  const error = errorLine(`${id}-error`);
  const hintEl = hint ? h("div", { id: `${id}-hint`, class: "hint" }, hint) : null;
  control.setAttribute("aria-describedby", [hintEl?.id, error.id].filter(Boolean).join(" "));
  const wrapper = h("div", { class: "field", dataset: { field: name } }, h("label", { for: id }, label), control, hintEl, error);
  return {
    wrapper,
    input: control,
    name,
    setError(text) {
      fill(error, text ?? "");
      if (text) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    },
  };
}

export function textField({ label, name, type = "text", autocomplete, required, hint, value, readonly, maxlength, inputmode }) {
  const input = h("input", { id: uid(name), name, type, autocomplete, required, value, readonly, maxlength, inputmode });
  return field(input, { label, name, hint });
}

export function selectField({ label, name, options, value, hint }) {
  const select = h("select", { id: uid(name), name },
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  return field(select, { label, name, hint });
}

/**
 * A form with fields and one error line beside its submit button. `showError` puts a 422's messages on
 * their fields and anything else (402, 403, 400…) beside the button, as explain() words it.
 */
export function form({ fields, submitLabel, onSubmit, extra, label }) {
  const formError = errorLine();
  const submit = h("button", { type: "submit", class: "primary" }, submitLabel);
  const actions = h("div", { class: "form-actions" }, submit, extra ?? null);
  const el = h("form", { novalidate: true, "aria-label": label },
    fields.map((f) => f.wrapper), actions, formError);
  const api = {
    el,
    submit,
    formError,
    clearErrors() {
      for (const f of fields) f.setError("");
      fill(formError);
    },
    /** Shows an ApiError: on the fields it names, else beside the submit button. Returns explain()'s answer. */
    showError(error, context = {}, fieldAliases = {}) {
      const explained = explain(error, context);
      let placed = false;
      if (error.status === 422 || error.status === 400) {
        for (const [name, message] of Object.entries(error.fields ?? {})) {
          const target = fields.find((f) => f.name === (fieldAliases[name] ?? name));
          if (target) {
            target.setError(message);
            placed = true;
          }
        }
        const aliased = fieldAliases[error.status];
        if (!placed && aliased) {
          const target = fields.find((f) => f.name === aliased);
          if (target) {
            target.setError(explained.text);
            placed = true;
          }
        }
      }
      if (!placed) fill(formError, context.render ? context.render(explained) : explained.text);
      const firstInvalid = fields.find((f) => f.input.getAttribute("aria-invalid") === "true");
      (firstInvalid?.input ?? null)?.focus();
      return explained;
    },
  };
  // Busy, not disabled: disabling the focused button would drop a keyboard user's focus to the page.
  let busy = false;
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    api.clearErrors();
    submit.setAttribute("aria-disabled", "true");
    el.setAttribute("aria-busy", "true");
    try {
      await onSubmit(Object.fromEntries(fields.map((f) => [f.name, f.input.value])), api);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
      el.removeAttribute("aria-busy");
    }
  });
  return api;
}

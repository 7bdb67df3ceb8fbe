// An editable list of "this value → role and seat" rows: the provider's claim values (single sign-on) or the
// identity provider's group names (SCIM). Behaves as one form field named `name`: its error line takes the 422.
import { h, fill, uid } from "../dom.js";
import { errorLine } from "../forms.js";

const ROLES = [["agent", "Agent"], ["admin", "Admin"]];
const SEATS = [["full", "Full seat"], ["lite", "Lite seat"]];

/** `key` is the wire name of the value ("value" or "group"); `valueLabel` is what a row's text box is called. */
export function mappingList({ name, key, legend, valueLabel, hint, addLabel }) {
  const rows = h("ul", { class: "mapping-rows" });
  const error = errorLine(`${name}-error`);
  const add = h("button", { type: "button", class: "link-button" }, addLabel);
  const fieldset = h("fieldset", { class: "mapping", "aria-describedby": `${name}-hint ${name}-error`, dataset: { field: name } },
    h("legend", {}, legend), h("p", { class: "hint", id: `${name}-hint` }, hint), rows, add, error);

  function row(entry = {}) {
    const n = uid(name);
    const select = (label, options, value, suffix) => [
      h("label", { for: `${n}-${suffix}`, class: "visually-hidden" }, label),
      h("select", { id: `${n}-${suffix}`, class: suffix }, options.map(([v, t]) => h("option", { value: v, selected: v === value }, t))),
    ];
    const li = h("li", { class: "mapping-row" },
      h("label", { for: `${n}-value`, class: "visually-hidden" }, valueLabel),
      h("input", { type: "text", id: `${n}-value`, class: "value", value: entry[key] ?? "", maxlength: 255, placeholder: valueLabel, autocomplete: "off" }),
      h("span", { "aria-hidden": "true" }, "→"),
      select(`Role for ${valueLabel.toLowerCase()}`, ROLES, entry.role ?? "agent", "role"),
      select(`Seat for ${valueLabel.toLowerCase()}`, SEATS, entry.seat ?? "full", "seat"),
      h("button", { type: "button", class: "danger-outline", onClick: () => li.remove() }, "Remove"));
    const updateLabel = () => li.lastElementChild.setAttribute("aria-label", `Remove the row for ${li.querySelector(".value").value || "an empty value"}`);
    li.querySelector(".value").addEventListener("input", updateLabel);
    updateLabel();
    return li;
  }

  add.addEventListener("click", () => {
    const li = row();
    rows.append(li);
    li.querySelector(".value").focus();
  });

  return {
    wrapper: fieldset,
    input: fieldset,
    name,
    setError(text) {
      fill(error, text ?? "");
    },
    show(entries) {
      fill(rows, (entries ?? []).map(row));
    },
    /** The rows with a value, as the API takes them (empty rows are left out: nothing to map). */
    read() {
      return [...rows.querySelectorAll("li")]
        .map((li) => ({ [key]: li.querySelector(".value").value.trim(), role: li.querySelector(".role").value, seat: li.querySelector(".seat").value }))
        .filter((e) => e[key]);
    },
  };
}

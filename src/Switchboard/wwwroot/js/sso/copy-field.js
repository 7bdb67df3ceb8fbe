// A value the owner pastes somewhere else (the redirect URI into the provider, a TXT record into DNS, a SCIM token
// into the provider): read-only, selectable, labelled, with a Copy button that says when it worked.
import { h, uid } from "../dom.js";
import { toast } from "../toast.js";

export function copyField(label, value, { id = uid("copy"), what = label } = {}) {
  const input = h("input", { type: "text", id, readonly: true, value, spellcheck: "false", class: "copy-value" });
  input.addEventListener("focus", () => input.select());
  const button = h("button", { type: "button", class: "copy-button", "aria-label": `Copy ${what}` }, "Copy");
  button.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(value);
      toast(`${what} copied.`, { kind: "success", ms: 4000 });
    } catch {
      // No clipboard permission (an old browser, a locked-down profile): the text is selected for Ctrl+C.
      toast(`Press Ctrl+C (⌘C) to copy the selected ${what.toLowerCase()}.`, { ms: 6000 });
    }
  });
  return h("div", { class: "field copy-field" }, h("label", { for: id }, label), h("div", { class: "copy-row" }, input, button));
}

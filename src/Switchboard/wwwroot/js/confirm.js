// A yes/no question in a native modal <dialog>: it traps focus, closes on Escape, and we put focus back
// on the control that asked. Workspace-level steps that cannot be taken back pass `typed` (the workspace's
// name): the yes stays disabled until that exact text is typed, so a reflex click cannot do it.
import { h } from "./dom.js";

export function confirmDialog({ title, message, confirmLabel, danger = true, typed = null }) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button", autofocus: true }, "Cancel");
    const confirm = h("button", { type: "button", class: danger ? "danger" : "primary" }, confirmLabel);
    const proof = typed === null ? null : h("input", { type: "text", id: "confirm-typed", autocomplete: "off", spellcheck: "false" });
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": "confirm-title", "aria-describedby": "confirm-message" },
      h("h2", { id: "confirm-title" }, title),
      h("p", { id: "confirm-message" }, message),
      proof ? h("div", { class: "field" }, h("label", { for: "confirm-typed" }, `Type ${typed} to confirm`), proof) : null,
      h("div", { class: "form-actions" }, cancel, confirm));
    if (proof) {
      confirm.disabled = true;
      proof.addEventListener("input", () => {
        confirm.disabled = proof.value !== typed;
      });
    }
    let answer = false;
    cancel.addEventListener("click", () => dialog.close());
    confirm.addEventListener("click", () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

// A yes/no question in a native modal <dialog>: it traps focus, closes on Escape, and we put focus back
// on the control that asked.
import { h } from "./dom.js";

export function confirmDialog({ title, message, confirmLabel, danger = true }) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button", autofocus: true }, "Cancel");
    const confirm = h("button", { type: "button", class: danger ? "danger" : "primary" }, confirmLabel);
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": "confirm-title", "aria-describedby": "confirm-message" },
      h("h2", { id: "confirm-title" }, title),
      h("p", { id: "confirm-message" }, message),
      h("div", { class: "form-actions" }, cancel, confirm));
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

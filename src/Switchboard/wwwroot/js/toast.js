// Short notices in the corner (the region is role="status": announced, never focused).
import { h } from "./dom.js";

const region = () => document.getElementById("toasts");

/** Shows a toast for `ms` (0 = until closed). `body` may hold links. */
export function toast(body, { ms = 10000, kind = "info" } = {}) {
  const close = h("button", { type: "button", class: "toast-close", "aria-label": "Dismiss notification" }, "×");
  const el = h("div", { class: `toast toast-${kind}` }, h("div", { class: "toast-body" }, body), close);
  const remove = () => el.remove();
  close.addEventListener("click", remove);
  region().append(el);
  if (ms > 0) setTimeout(remove, ms);
  return remove;
}

// Short notices in the corner (the region is role="status": announced, never focused).
import { h, fill } from "./dom.js";

const region = () => document.getElementById("toasts");

function build(body, kind) {
  const close = h("button", { type: "button", class: "toast-close", "aria-label": "Dismiss notification" }, "×");
  const content = h("div", { class: "toast-body" }, body);
  const el = h("div", { class: `toast toast-${kind}` }, content, close);
  close.addEventListener("click", () => el.remove());
  region().append(el);
  return { el, content };
}

/** Shows a toast for `ms` (0 = until closed). `body` may hold links. */
export function toast(body, { ms = 10000, kind = "info" } = {}) {
  const { el } = build(body, kind);
  const remove = () => el.remove();
  if (ms > 0) setTimeout(remove, ms);
  return remove;
}

const gatherings = new Map();

/**
 * One toast per `key` that gathers what happens while it is on screen: a wave of 60 joins is one toast that
 * ends up saying "60 people joined", not 60 toasts. `describe(items)` words the whole list; the text is redrawn
 * at most once a second (a screen reader hears the count settle, not every step), and the toast stays
 * `ms` after the last item.
 */
export function gatheringToast(key, item, describe, { ms = 10000, kind = "info" } = {}) {
  let g = gatherings.get(key);
  if (!g || !g.el.isConnected) {
    g = { items: [item], ...build(describe([item]), kind), hide: null, redraw: null };
    gatherings.set(key, g);
  } else {
    g.items.push(item);
    g.redraw ??= setTimeout(() => {
      g.redraw = null;
      fill(g.content, describe(g.items));
    }, 1000);
  }
  clearTimeout(g.hide);
  const shown = g;
  if (ms > 0) g.hide = setTimeout(() => shown.el.remove(), ms + 1000);
}

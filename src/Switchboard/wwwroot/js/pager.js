// Paging for a long list, above it and below it: "Showing 1–50 of 1,001 members", Previous and Next on both
// sides (no scrolling to the bottom to move on), and a page-size choice above that this browser remembers
// (localStorage, one key per list).
import { h, fill } from "./dom.js";

const SIZES = [25, 50, 100];

/** "Showing 1–50 of 1,001 members" from Laravel's meta ({current_page, per_page, total}). */
export function showing(meta, noun) {
  if (!meta || meta.total === 0) return "";
  const first = (meta.current_page - 1) * meta.per_page + 1;
  const last = Math.min(meta.total, meta.current_page * meta.per_page);
  return `Showing ${first.toLocaleString()}–${last.toLocaleString()} of ${meta.total.toLocaleString()} ${noun}`;
}

/**
 * id: the list's name (element ids and the storage key); label: what the pages are of ("Members");
 * onChange(): called after the page or its size changed, to read again; describe(meta): the summary's words.
 */
export function pager({ id, label, describe, onChange, fallback = 50 }) {
  const key = `switchboard.pageSize.${id}`;
  let size = Number(safeRead(key));
  if (!SIZES.includes(size)) size = fallback;
  let page = 1;
  let meta = null;

  // Named for its list: a page can have several lists, each with its own choice.
  const sizeSelect = h("select", { id: `${id}-page-size`, "aria-label": `${label} per page` }, SIZES.map((n) => h("option", { value: String(n), selected: n === size }, String(n))));
  sizeSelect.addEventListener("change", () => {
    size = Number(sizeSelect.value);
    safeWrite(key, String(size));
    page = 1;
    onChange();
  });

  const bars = ["top", "bottom"].map((where) => {
    const suffix = where === "top" ? "-top" : "";
    const summary = h("p", { class: "pager-summary", id: `${id}-summary${suffix}`, "aria-live": where === "bottom" ? "polite" : null });
    const previous = h("button", { type: "button", id: `${id}-previous${suffix}` }, "Previous");
    const next = h("button", { type: "button", id: `${id}-next${suffix}` }, "Next");
    previous.addEventListener("click", () => go(-1));
    next.addEventListener("click", () => go(1));
    const el = h("nav", { class: `pager pager-${where}`, "aria-label": `${label} pages, ${where === "top" ? "above" : "below"} the list` },
      summary,
      where === "top" ? h("div", { class: "page-size" }, h("label", { for: `${id}-page-size` }, "Per page"), sizeSelect) : null,
      h("div", { class: "form-actions" }, previous, next));
    return { el, summary, previous, next, where };
  });

  function go(step) {
    if (!meta) return;
    const to = page + step;
    if (to < 1 || to > meta.last_page) return;
    page = to;
    onChange();
  }

  /** Draws the answer's meta; hides the bottom bar on a single page and the top one when there is nothing to page. */
  function set(answer) {
    meta = answer;
    for (const bar of bars) {
      fill(bar.summary, describe(meta));
      bar.previous.disabled = meta.current_page <= 1;
      bar.next.disabled = meta.current_page >= meta.last_page;
      bar.el.hidden = bar.where === "bottom" ? meta.last_page <= 1 : meta.total <= SIZES[0];
    }
  }

  return {
    top: bars[0].el,
    bottom: bars[1].el,
    set,
    get page() {
      return page;
    },
    set page(value) {
      page = value;
    },
    get size() {
      return size;
    },
  };
}

// Storage can be refused (a private window's quota, a policy): the choice then lasts only for this page.
function safeRead(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeWrite(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered, still applied.
  }
}

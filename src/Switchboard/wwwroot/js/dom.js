// The only way pages build DOM: text always goes in as text nodes, never as markup, so nothing a user
// typed (a name, an email, a workspace) can become HTML.

const PROPERTIES = new Set(["value", "checked", "selected", "disabled", "hidden", "indeterminate"]);

/** h("button", { class: "primary", onClick }, "Save") — strings and numbers become text nodes. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else if (value === false) {
      continue;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's content with the given children (text stays text). */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let nextId = 0;
/** A document-unique id for label/aria wiring. */
export const uid = (prefix = "id") => `${prefix}-${++nextId}`;

/** "2025-10-26 10:00:00" (Pipeback) or "2025-10-26T10:00:00Z" (PingBack), both UTC → Date. */
export function parseUtc(text) {
  if (!text) return null;
  const iso = text.includes("T") ? text : text.replace(" ", "T") + "Z";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A <time> element with the machine-readable instant and a human date. */
export function timeEl(text, withTime = false) {
  const date = parseUtc(text);
  if (!date) return h("span", {}, "—");
  return h("time", { datetime: date.toISOString() }, (withTime ? dateTimeFormat : dateFormat).format(date));
}

export const capitalize = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** "an admin", "an agent", "the owner". */
export function roleWithArticle(role) {
  if (role === "owner") return "the owner";
  return /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;
}

/** A table cell labelled for narrow screens, where rows become label/value blocks (see .responsive). */
export function cell(label, props, ...children) {
  return h("td", { ...props, "data-label": label }, h("div", { class: "cell" }, ...children));
}

/** A text cut to its column with an ellipsis; the whole text is its title (hover), and it unfolds while focus is in its row. */
export function truncated(text, className = "") {
  return h("span", { class: `truncate ${className}`.trim(), title: text }, text);
}

// The members table's parts: its head, skeleton rows until the first page, one row per member (name with its badges,
// email, live status, role, seat, joined, the controls the caller's role allows) and a row's status, patched live.
import { h, fill, timeEl, capitalize, cell, truncated } from "../dom.js";
import { statusDot } from "../status-switcher.js";
import { suspendedBadge } from "./member-suspension.js";
import { secondFactorBadge } from "./two-factor-policy.js";

const STATUS_TEXT = { live: "Live", away: "Away", offline: "Offline" };

/** The table (busy until its first page) around `tbody`. */
export function membersTableElement(ctx, tbody) {
  return h("table", { class: "members responsive", "aria-busy": "true" },
    h("caption", { class: "visually-hidden" }, `Members of ${ctx.workspace.name}`),
    h("colgroup", {}, h("col", { class: "col-name" }), h("col", { class: "col-email" }), h("col"), h("col"), h("col"), h("col"), h("col", { class: "col-actions" })),
    h("thead", {}, h("tr", {},
      ["Name", "Email", "Status", "Role", "Seat", "Joined"].map((c) => h("th", { scope: "col" }, c)),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody);
}

export const skeletonRows = () => Array.from({ length: 5 }, () => h("tr", { class: "skeleton-row", "aria-hidden": "true" },
  Array.from({ length: 7 }, () => h("td", {}, h("span", { class: "skeleton" })))));

/** One member's row; `actions` are the controls the caller may use on them. */
export function memberRow(member, { me, actions, requireTwoFactor }) {
  return h("tr", { dataset: { memberId: member.id, userId: member.user_id, status: member.status } },
    cell("Name", { class: "name" }, h("span", { class: "name-line" }, truncated(member.name, "member-name"), me ? h("span", { class: "badge" }, "You") : null, suspendedBadge(member),
      secondFactorBadge(member, requireTwoFactor))),
    cell("Email", { class: "email" }, truncated(member.email)),
    cell("Status", { class: "status" }, statusDot(member.status), h("span", { class: "status-text" }, STATUS_TEXT[member.status] ?? member.status)),
    cell("Role", { class: "role" }, capitalize(member.role)),
    cell("Seat", { class: "seat" }, capitalize(member.seat)),
    cell("Joined", { class: "joined" }, timeEl(member.created_at)),
    actions.length ? cell("Actions", { class: "actions" }, h("div", { class: "row-actions" }, actions)) : h("td", { class: "actions" }));
}

/** Redraws only a row's status: the dot and its word. */
export function patchStatus(tr, value) {
  tr.dataset.status = value;
  fill(tr.querySelector("td.status .cell"), statusDot(value), h("span", { class: "status-text" }, STATUS_TEXT[value] ?? value));
}

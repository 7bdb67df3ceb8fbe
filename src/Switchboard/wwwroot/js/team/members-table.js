// The members of the workspace: name, email, live status, role, seat, invited date, and the controls the
// caller's role allows (change role or seat, remove with a confirmation). Each refusal is shown beside
// the control that caused it, and stays there when the table is redrawn by a live update.
import { h, fill, timeEl, capitalize, cell } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { statusDot } from "../status-switcher.js";
import { upgradeButton } from "./plan-usage.js";
import { suspensionButton, suspendedBadge } from "./member-suspension.js";

const STATUS_TEXT = { live: "Live", away: "Away", offline: "Offline" };

export function membersTable(ctx, { getState, onChanged }) {
  const count = h("span", { class: "count" });
  const heading = h("h2", { id: "members-heading", tabindex: -1 }, "Members ", count);
  const tbody = h("tbody");
  const table = h("table", { class: "members responsive" },
    h("caption", { class: "visually-hidden" }, `Members of ${ctx.workspace.name}`),
    h("thead", {}, h("tr", {},
      ["Name", "Email", "Status", "Role", "Seat", "Invited"].map((c) => h("th", { scope: "col" }, c)),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody);
  const el = h("section", { class: "card", "aria-labelledby": "members-heading", id: "members" }, heading, table);

  /** Messages beside controls, by control id: they survive redraws. */
  const errors = new Map();
  let can = null;

  function showError(controlId, content) {
    errors.set(controlId, content);
    const line = document.getElementById(`${controlId}-error`);
    if (line) fill(line, content);
  }

  function errorFor(controlId) {
    const line = errorLine(`${controlId}-error`);
    if (errors.has(controlId)) fill(line, errors.get(controlId));
    return line;
  }

  function refusal(controlId, error, action) {
    const billing = getState().billing;
    const explained = explain(error, { action, role: ctx.role, plan: billing?.plan, limit: billing?.agent_limit });
    showError(controlId, [
      h("span", {}, explained.text),
      explained.upgradeTo
        ? upgradeButton(ctx, explained.upgradeTo, {
          onUpgraded: async () => {
            errors.delete(controlId);
            await onChanged();
          },
          error: document.getElementById(`${controlId}-error`),
        })
        : null,
    ]);
  }

  async function change(member, controlId, body, action, previous) {
    errors.delete(controlId);
    showError(controlId, "");
    try {
      await api("PATCH", `/api/v1/team/members/${encodeURIComponent(member.id)}`, body);
      errors.delete(controlId);
    } catch (error) {
      // Refused: the control shows what is true again, the message says why.
      const control = document.getElementById(controlId);
      if (control) control.value = previous;
      refusal(controlId, error, action);
    }
    await onChanged();
  }

  async function remove(member, controlId) {
    const yes = await confirmDialog({
      title: `Remove ${member.name}?`,
      message: `${member.name} (${member.email}) will lose access to ${ctx.workspace.name} at once. Their open conversations go back to the queue.`,
      confirmLabel: "Remove member",
    });
    if (!yes) return;
    errors.delete(controlId);
    try {
      await api("DELETE", `/api/v1/team/members/${encodeURIComponent(member.id)}`);
      // The row is gone: keep the keyboard user's place at the table's heading.
      heading.focus();
    } catch (error) {
      refusal(controlId, error, "remove members");
    }
    await onChanged();
  }

  function choice(id, label, options, value, onChange) {
    const select = h("select", { id, "aria-label": label, "aria-describedby": `${id}-error` },
      options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
    select.addEventListener("change", () => onChange(select.value));
    return select;
  }

  function row(member) {
    const me = member.user_id === ctx.me.id;
    const roleId = `role-${member.id}`;
    const seatId = `seat-${member.id}`;
    const removeId = `remove-${member.id}`;
    const role = can.changeRole(member)
      ? [choice(roleId, `Role of ${member.name}`, [["agent", "Agent"], ["admin", "Admin"]], member.role,
        (value) => change(member, roleId, { role: value }, "change roles", member.role)), errorFor(roleId)]
      : capitalize(member.role);
    const seat = can.changeSeat(member)
      ? [choice(seatId, `Seat of ${member.name}`, [["full", "Full"], ["lite", "Lite"]], member.seat,
        (value) => change(member, seatId, { seat: value }, "change seats", member.seat)), errorFor(seatId)]
      : capitalize(member.seat);
    const suspendId = `suspend-${member.id}`;
    const actions = can.remove(member)
      ? [suspensionButton(ctx, member, { controlId: suspendId, refusal, onChanged }), errorFor(suspendId),
        h("button", { type: "button", id: removeId, class: "danger-outline", "aria-label": `Remove ${member.name}`,
          "aria-describedby": `${removeId}-error`, onClick: () => remove(member, removeId) }, "Remove"), errorFor(removeId)]
      : null;
    return h("tr", { dataset: { memberId: member.id, userId: member.user_id, status: member.status } },
      cell("Name", {}, h("span", { class: "member-name" }, member.name), me ? [" ", h("span", { class: "badge" }, "You")] : null, suspendedBadge(member)),
      cell("Email", { class: "email" }, member.email),
      cell("Status", { class: "status" }, statusDot(member.status), h("span", { class: "status-text" }, STATUS_TEXT[member.status] ?? member.status)),
      cell("Role", { class: "role" }, role),
      cell("Seat", { class: "seat" }, seat),
      cell("Invited", {}, timeEl(member.created_at)),
      actions ? cell("Actions", { class: "actions" }, actions) : h("td", { class: "actions" }));
  }

  function update(state, permissions) {
    can = permissions;
    const focused = document.activeElement?.id;
    fill(count, `(${state.members.length})`);
    fill(tbody, state.members.map(row));
    // A live redraw must not pull the keyboard user's focus away from the control they were on.
    if (focused && tbody.querySelector(`[id="${CSS.escape(focused)}"]`) && document.activeElement === document.body) {
      document.getElementById(focused)?.focus();
    }
  }

  /** agent_status_changed: only the dot and its word change. */
  function setStatus(memberId, status) {
    const tr = tbody.querySelector(`tr[data-member-id="${CSS.escape(memberId)}"]`);
    if (!tr) return false;
    tr.dataset.status = status;
    fill(tr.querySelector("td.status .cell"), statusDot(status), h("span", { class: "status-text" }, STATUS_TEXT[status] ?? status));
    return true;
  }

  return { el, update, setStatus };
}

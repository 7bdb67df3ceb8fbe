// The invite-links card's form: seat, role (when the caller may bring in admins), days valid and uses.
import { h } from "../dom.js";

export function inviteLinkForm() {
  const seat = h("select", { id: "link-seat" }, h("option", { value: "full" }, "Full seat"), h("option", { value: "lite" }, "Lite seat"));
  const role = h("select", { id: "link-role" }, h("option", { value: "agent" }, "Agent"), h("option", { value: "admin" }, "Admin"));
  const days = h("input", { id: "link-days", type: "number", min: 1, max: 30, value: 7 });
  const uses = h("input", { id: "link-uses", type: "number", min: 1, max: 1000, value: 10 });
  const create = h("button", { type: "button", class: "primary", id: "link-create", "aria-describedby": "link-create-error" }, "Create link");
  const roleField = h("div", { class: "filter", id: "link-role-field" }, h("label", { for: "link-role" }, "Role"), role);
  return {
    el: h("div", { class: "link-form" },
      h("div", { class: "filter" }, h("label", { for: "link-seat" }, "Seat"), seat),
      roleField,
      h("div", { class: "filter" }, h("label", { for: "link-days" }, "Days valid (1–30)"), days),
      h("div", { class: "filter" }, h("label", { for: "link-uses" }, "Uses (1–1000)"), uses),
      create),
    create,
    /** The body of POST /app/invite-links. */
    values: () => ({ seat: seat.value, role: role.value, expires_in_days: Number(days.value), max_uses: Number(uses.value) }),
    /** The role is offered only to those who may bring in admins. */
    offerRoles(roles) {
      roleField.hidden = !roles.includes("admin");
    },
  };
}

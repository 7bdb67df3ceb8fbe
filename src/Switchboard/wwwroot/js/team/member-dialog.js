// Edit one member in a modal dialog: role and seat are chosen with their meaning beside them and saved
// only with Save. A privilege raise (agent → admin) and a seat downgrade (full → lite, which hands back
// the member's open conversations) ask for confirmation first. A refusal stays in the dialog.
// Its parts: the role and seat choices (member-choices.js), capacity (member-capacity.js), skills (member-skills.js).
import { h, fill, uid } from "../dom.js";
import { api } from "../api.js";
import { explain } from "../refusal.js";
import { upgradeButton } from "./plan-usage.js";
import { ROLE_TEXT, SEAT_TEXT, choices, picked, confirmChanges } from "./member-choices.js";
import { capacityField } from "./member-capacity.js";
import { memberSkills } from "./member-skills.js";

/**
 * Opens the dialog; resolves to true when something was saved.
 * @param member  the member row (id, name, email, role, seat)
 * @param can     permissionsFor(...) of the caller
 */
export function editMember(ctx, member, can, { billing, onSaved }) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const titleId = uid("edit-title");
    const role = can.changeRole(member) ? choices("Role", "member-role", ROLE_TEXT, member.role, ["agent", "admin"]) : null;
    const seat = can.changeSeat(member) ? choices("Seat", "member-seat", SEAT_TEXT, member.seat, ["full", "lite"]) : null;
    const capacity = can.assign ? capacityField(member) : null;
    // Skills, for those who may shape routing (owners and admins), as the API allows.
    const skills = can.manageTeams ? memberSkills(member) : null;
    const error = h("div", { class: "error", role: "alert", id: "member-dialog-error" });
    const cancel = h("button", { type: "button" }, "Cancel");
    const save = h("button", { type: "submit", class: "primary" }, "Save");
    const form = h("form", { method: "dialog", novalidate: true },
      role, seat,
      capacity?.el,
      skills?.el,
      error,
      h("div", { class: "form-actions" }, save, cancel));
    const dialog = h("dialog", { class: "confirm member-dialog", "aria-labelledby": titleId, id: "member-dialog" },
      h("h2", { id: titleId, class: "truncate", title: member.name }, `Edit ${member.name}`),
      h("p", { class: "muted truncate", title: member.email }, member.email),
      form);
    let saved = false;
    cancel.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(saved);
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      fill(error);
      const body = {};
      const newRole = picked(role);
      const newSeat = picked(seat);
      if (newRole && newRole !== member.role) body.role = newRole;
      if (newSeat && newSeat !== member.seat) body.seat = newSeat;
      const capacityChanged = !!capacity && capacity.changed();
      if (capacityChanged && !capacity.valid()) {
        fill(error, "Capacity is a whole number from 0 to 1000, or empty for the workspace default.");
        capacity.input.focus();
        return;
      }
      const skillsChanged = !!skills && (skills.changed() || skills.pending);
      if (!Object.keys(body).length && !capacityChanged && !skillsChanged) return dialog.close();

      if (!(await confirmChanges(member, body))) return;
      save.setAttribute("aria-disabled", "true");
      try {
        if (Object.keys(body).length) await api("PATCH", `/api/v1/team/members/${encodeURIComponent(member.id)}`, body);
        if (capacityChanged) body.capacity = await capacity.save();
        if (skillsChanged) body.skills = await skills.save();
        saved = true;
        dialog.close();
        await onSaved?.(body);
      } catch (e) {
        const explained = explain(e, {
          action: body.role ? "change roles" : skillsChanged ? "change skills" : "change seats",
          role: ctx.role, plan: billing?.plan, limit: billing?.agent_limit,
        });
        fill(error, h("span", {}, explained.text), explained.upgradeTo
          ? h("span", { class: "error-action" }, upgradeButton(ctx, explained.upgradeTo, {
            onUpgraded: () => {
              fill(error);
              save.focus();
            },
            error,
          }))
          : null);
      } finally {
        save.removeAttribute("aria-disabled");
      }
    });

    document.body.append(dialog);
    dialog.showModal();
    capacity?.load();
    (form.querySelector("input:checked") ?? save).focus();
  });
}

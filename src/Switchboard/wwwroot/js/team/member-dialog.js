// Edit one member in a modal dialog: role and seat are chosen with their meaning beside them and saved
// only with Save. A privilege raise (agent → admin) and a seat downgrade (full → lite, which hands back
// the member's open conversations) ask for confirmation first. A refusal stays in the dialog.
import { h, fill, uid } from "../dom.js";
import { api } from "../api.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { upgradeButton } from "./plan-usage.js";
import { memberSkills } from "./member-skills.js";

/** What each role and seat means, in the words of the concepts seed's permission table. */
export const ROLE_TEXT = {
  agent: ["Agent", "Handles conversations and sets their own status."],
  admin: ["Admin", "Also assigns conversations and manages most settings; invites and removes agents when the owner lets admins invite."],
};
export const SEAT_TEXT = {
  full: ["Full seat", "Handles conversations; counts against the plan."],
  lite: ["Lite seat", "Reads only: gets no conversations and doesn't count against the plan."],
};

function choices(legend, name, texts, value, allowed) {
  const options = Object.entries(texts).filter(([v]) => allowed.includes(v)).map(([v, [label, meaning]]) => {
    const id = uid(name);
    return h("div", { class: "choice" },
      h("input", { type: "radio", name, id, value: v, checked: v === value, "aria-describedby": `${id}-hint` }),
      h("label", { for: id }, label),
      h("p", { class: "hint", id: `${id}-hint` }, meaning));
  });
  return h("fieldset", { class: "choices" }, h("legend", {}, legend), options);
}

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
    // Capacity (owners and admins, as the routing API allows): empty means the workspace default.
    const capacityId = uid("member-capacity");
    const capacity = can.assign
      ? h("input", { type: "number", id: capacityId, min: "0", max: "1000", inputmode: "numeric", class: "short", "aria-describedby": `${capacityId}-hint` })
      : null;
    const capacityHint = h("p", { class: "hint", id: `${capacityId}-hint` }, "Open conversations routing gives them at once. Empty: the workspace default.");
    let capacityBefore = "";
    // Skills, for those who may shape routing (owners and admins), as the API allows.
    const skills = can.manageTeams ? memberSkills(member) : null;
    const error = h("div", { class: "error", role: "alert", id: "member-dialog-error" });
    const cancel = h("button", { type: "button" }, "Cancel");
    const save = h("button", { type: "submit", class: "primary" }, "Save");
    const form = h("form", { method: "dialog", novalidate: true },
      role, seat,
      capacity ? h("div", { class: "field" }, h("label", { for: capacityId }, "Capacity"), capacity, capacityHint) : null,
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

    const picked = (fieldset) => fieldset?.querySelector("input:checked")?.value;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      fill(error);
      const body = {};
      const newRole = picked(role);
      const newSeat = picked(seat);
      if (newRole && newRole !== member.role) body.role = newRole;
      if (newSeat && newSeat !== member.seat) body.seat = newSeat;
      const capacityText = capacity?.value.trim() ?? "";
      const capacityChanged = capacity && capacityText !== capacityBefore;
      if (capacityChanged && capacityText !== "" && !/^\d+$/.test(capacityText)) {
        fill(error, "Capacity is a whole number from 0 to 1000, or empty for the workspace default.");
        capacity.focus();
        return;
      }
      const skillsChanged = !!skills && (skills.changed() || skills.pending);
      if (!Object.keys(body).length && !capacityChanged && !skillsChanged) return dialog.close();

      const warnings = [];
      if (body.role === "admin") warnings.push(`${member.name} will be able to assign conversations and manage most settings.`);
      if (body.seat === "lite") warnings.push(`${member.name} will stop getting conversations; their open conversations go back to the queue.`);
      if (warnings.length) {
        const yes = await confirmDialog({
          title: body.role === "admin" ? `Make ${member.name} an admin?` : `Move ${member.name} to a lite seat?`,
          message: warnings.join(" "),
          confirmLabel: "Yes, save",
          danger: body.seat === "lite",
        });
        if (!yes) return;
      }
      save.setAttribute("aria-disabled", "true");
      try {
        if (Object.keys(body).length) await api("PATCH", `/api/v1/team/members/${encodeURIComponent(member.id)}`, body);
        if (capacityChanged) {
          await api("PUT", `/api/v1/team/members/${encodeURIComponent(member.id)}/capacity`,
            { capacity: capacityText === "" ? null : Number(capacityText) });
          body.capacity = capacityText === "" ? null : Number(capacityText);
        }
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
    if (capacity) {
      // The member's capacity as routing counts it; shown empty when it is the workspace default.
      api("GET", "/api/v1/team/routing").then((view) => {
        const agent = view.agents.find((a) => a.member_id === member.id);
        fill(capacityHint, `Open conversations routing gives them at once. Empty: the workspace default (${view.default_capacity}).`);
        if (agent && agent.capacity !== view.default_capacity && capacity.value === "") {
          capacity.value = capacityBefore = String(agent.capacity);
        }
      }).catch(() => {});
    }
    (form.querySelector("input:checked") ?? save).focus();
  });
}

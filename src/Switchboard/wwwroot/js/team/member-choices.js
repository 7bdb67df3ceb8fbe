// The role and seat choices of the member dialog, each with its meaning beside it, and the question asked before a
// privilege raise (agent → admin) or a seat downgrade (full → lite).
import { h, uid } from "../dom.js";
import { confirmDialog } from "../confirm.js";

/** What each role and seat means, in the words of the concepts seed's permission table. */
export const ROLE_TEXT = {
  agent: ["Agent", "Handles conversations and sets their own status."],
  admin: ["Admin", "Also assigns conversations and manages most settings; invites and removes agents when the owner lets admins invite."],
};
export const SEAT_TEXT = {
  full: ["Full seat", "Handles conversations; counts against the plan."],
  lite: ["Lite seat", "Reads only: gets no conversations and doesn't count against the plan."],
};

/** A fieldset of radio choices among `allowed` of `texts`, `value` checked. */
export function choices(legend, name, texts, value, allowed) {
  const options = Object.entries(texts).filter(([v]) => allowed.includes(v)).map(([v, [label, meaning]]) => {
    const id = uid(name);
    return h("div", { class: "choice" },
      h("input", { type: "radio", name, id, value: v, checked: v === value, "aria-describedby": `${id}-hint` }),
      h("label", { for: id }, label),
      h("p", { class: "hint", id: `${id}-hint` }, meaning));
  });
  return h("fieldset", { class: "choices" }, h("legend", {}, legend), options);
}

/** The value checked in a fieldset of choices (undefined without one). */
export const picked = (fieldset) => fieldset?.querySelector("input:checked")?.value;

/** Asks first when `body` raises the member to admin or moves them to a lite seat; true to go on. */
export async function confirmChanges(member, body) {
  const warnings = [];
  if (body.role === "admin") warnings.push(`${member.name} will be able to assign conversations and manage most settings.`);
  if (body.seat === "lite") warnings.push(`${member.name} will stop getting conversations; their open conversations go back to the queue.`);
  if (!warnings.length) return true;
  return confirmDialog({
    title: body.role === "admin" ? `Make ${member.name} an admin?` : `Move ${member.name} to a lite seat?`,
    message: warnings.join(" "),
    confirmLabel: "Yes, save",
    danger: body.seat === "lite",
  });
}

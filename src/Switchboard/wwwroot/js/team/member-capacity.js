// The member dialog's Capacity (owners and admins, as the routing API allows): how many open conversations routing
// gives the member at once; empty means the workspace default.
import { h, fill, uid } from "../dom.js";
import { api } from "../api.js";

export function capacityField(member) {
  const id = uid("member-capacity");
  const input = h("input", { type: "number", id, min: "0", max: "1000", inputmode: "numeric", class: "short", "aria-describedby": `${id}-hint` });
  const hint = h("p", { class: "hint", id: `${id}-hint` }, "Open conversations routing gives them at once. Empty: the workspace default.");
  let before = "";
  const typed = () => input.value.trim();
  const value = () => (typed() === "" ? null : Number(typed()));
  return {
    el: h("div", { class: "field" }, h("label", { for: id }, "Capacity"), input, hint),
    input,
    changed: () => typed() !== before,
    /** A whole number, or empty for the default. */
    valid: () => typed() === "" || /^\d+$/.test(typed()),
    /** Reads the member's capacity as routing counts it; shown empty when it is the workspace default. */
    load() {
      api("GET", "/api/v1/team/routing").then((view) => {
        const agent = view.agents.find((a) => a.member_id === member.id);
        fill(hint, `Open conversations routing gives them at once. Empty: the workspace default (${view.default_capacity}).`);
        if (agent && agent.capacity !== view.default_capacity && input.value === "") {
          input.value = before = String(agent.capacity);
        }
      }).catch(() => {});
    },
    /** Saves it; answers what was saved (null: the workspace default). */
    async save() {
      const capacity = value();
      await api("PUT", `/api/v1/team/members/${encodeURIComponent(member.id)}/capacity`, { capacity });
      return capacity;
    },
  };
}

// How provisioned users get a role and a seat (/api/v1/team/scim/settings): defaults, and the identity provider's
// groups mapped to a role and a seat. Saving applies it to every provisioned member at once (402 when the plan
// cannot hold the seats it would give).
import { api } from "../api.js";
import { form, selectField } from "../forms.js";
import { toast } from "../toast.js";
import { mappingList } from "./mapping-list.js";

export function scimMapping(ctx) {
  const role = selectField({ label: "Role of provisioned users", name: "default_role", options: [["agent", "Agent"], ["admin", "Admin"]], value: "agent" });
  const seat = selectField({ label: "Seat of provisioned users", name: "default_seat", options: [["full", "Full seat"], ["lite", "Lite seat"]], value: "lite" });
  const groups = mappingList({ name: "group_map", key: "group", legend: "Group map", valueLabel: "Group name", addLabel: "Add a group",
    hint: "Members of several mapped groups get the highest role, and a full seat if any group gives one; in none, the role and seat above." });
  const saveForm = form({
    label: "SCIM roles and seats",
    fields: [role, seat, groups],
    submitLabel: "Save provisioning roles",
    async onSubmit(values, f) {
      try {
        show(await api("PUT", "/api/v1/team/scim/settings", { default_role: values.default_role, default_seat: values.default_seat, group_map: groups.read() }));
        toast("Provisioning roles saved and applied to provisioned members.", { kind: "success" });
        f.submit.focus();
      } catch (e) {
        f.showError(e, { action: "manage SCIM provisioning", role: ctx.role, plan: ctx.workspace?.plan });
      }
    },
  });

  function show(settings) {
    role.input.value = settings.default_role;
    seat.input.value = settings.default_seat;
    groups.show(settings.group_map);
  }

  async function load() {
    show(await api("GET", "/api/v1/team/scim/settings"));
  }

  return { el: saveForm.el, load };
}

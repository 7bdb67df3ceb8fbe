// Invite by email with a role and a seat (Pipeback's POST /app/invites): someone with an account joins at
// once, anyone else gets an email with a link to /invite/{id}.
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { form, textField, selectField } from "../forms.js";
import { upgradeButton } from "./plan-usage.js";

export function inviteForm(ctx, { getState, onInvited }) {
  const email = textField({ label: "Email address", name: "email", type: "email", autocomplete: "off", required: true });
  const role = selectField({ label: "Role", name: "role", options: [["agent", "Agent"], ["admin", "Admin"]], value: "agent",
    hint: "Agents handle conversations and set their own status. Admins also assign conversations and manage most settings." });
  const seat = selectField({
    label: "Seat",
    name: "seat",
    options: [["full", "Full"], ["lite", "Lite"]],
    value: "full",
    hint: "Full seats handle conversations and count against the plan. Lite seats read only and are not counted.",
  });
  const done = h("p", { class: "success", role: "status", id: "invite-result" });
  const invite = form({
    label: "Invite a teammate",
    fields: [email, role, seat],
    submitLabel: "Send invite",
    async onSubmit(values, f) {
      fill(done);
      const address = values.email.trim();
      try {
        const body = await api("POST", "/app/invites", { email: address, role: values.role, seat: values.seat });
        fill(done, body?.data
          ? `Invitation sent to ${address}. They will get an email with a link to join.`
          : `${address} already had an account and joined the team.`);
        email.input.value = "";
        email.input.focus();
        await onInvited();
      } catch (error) {
        const billing = getState().billing;
        f.showError(error, {
          action: "invite members",
          role: ctx.role,
          plan: billing?.plan,
          limit: billing?.agent_limit,
          // A full plan: the way out sits right under the message.
          render: (explained) => [
            h("span", {}, explained.text),
            explained.upgradeTo
              ? h("span", { class: "error-action" }, upgradeButton(ctx, explained.upgradeTo, {
                onUpgraded: async () => {
                  fill(f.formError, "");
                  await onInvited();
                  invite.submit.focus();
                },
                error: f.formError,
              }))
              : null,
          ],
        });
      }
    },
  });
  const el = h("section", { class: "card", "aria-labelledby": "invite-heading", id: "invite" },
    h("h2", { id: "invite-heading" }, "Invite a teammate"),
    h("p", { class: "muted" }, "People who already have a Switchboard account join at once; anyone else gets an email with a link."),
    invite.el,
    done);

  function update(state, can) {
    el.hidden = !can.invite;
    // Admins bring in agents only.
    for (const option of role.input.options) option.hidden = !can.inviteRoles.includes(option.value);
    if (!can.inviteRoles.includes(role.input.value)) role.input.value = "agent";
    role.wrapper.hidden = can.inviteRoles.length < 2;
  }

  return { el, update };
}

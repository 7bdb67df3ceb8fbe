// The invitation page for someone already signed in: Join in one click when the invite is for their address, else a
// note and Sign out (an invitation is accepted by the account it was sent to).
import { h, fill } from "../dom.js";
import { api, unwrap } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";

export function joinWithOneClick(app, invite, me) {
  const error = errorLine("join-error");
  const button = h("button", { type: "button", class: "primary", id: "join", "aria-describedby": "join-error" }, `Join ${invite.workspace.name}`);
  button.addEventListener("click", async () => {
    fill(error);
    try {
      const joined = unwrap(await api("POST", `/app/invites/${encodeURIComponent(invite.id)}/join`));
      await app.switchWorkspace(joined.workspace_id);
    } catch (e) {
      fill(error, explain(e, { action: "join this workspace" }).text);
    }
  });
  return h("div", { class: "join" }, h("p", {}, `You're signed in as ${me.full_name} (${me.email}).`), button, error);
}

export function signedInAsSomeoneElse(app, invite, me, here) {
  return h("div", { class: "join" },
    h("p", { class: "notice" }, `You're signed in as ${me.email}, but this invitation is for ${invite.email}. Sign out, then open this link again to accept it.`),
    h("button", { type: "button", onClick: async () => {
      await app.signOut();
      app.navigate(here, { replace: true });
    } }, "Sign out"));
}

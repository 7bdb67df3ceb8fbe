// SCIM provisioning tokens (/api/v1/team/scim/tokens): the identity provider's secret for /scim/v2. A new token is
// shown once, with the base URL, in a panel that says so (only its hash is kept); revoking refuses it at once.
import { h, fill, timeEl } from "../dom.js";
import { api } from "../api.js";
import { form, textField, errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { copyField } from "./copy-field.js";

export function scimTokens(ctx) {
  const heading = h("h3", { id: "scim-tokens-heading", tabindex: -1 }, "Tokens");
  const shown = h("div", { id: "scim-token-created", role: "status" });
  const list = h("ul", { class: "invites", id: "scim-tokens-list" });
  const name = textField({ label: "Token name", name: "name", maxlength: 100, autocomplete: "off", hint: "Which provider uses it, e.g. Entra or Okta." });
  const createForm = form({
    label: "Create a SCIM token",
    fields: [name],
    submitLabel: "Create token",
    async onSubmit(values, f) {
      try {
        const created = await api("POST", "/api/v1/team/scim/tokens", { name: values.name.trim() });
        name.input.value = "";
        fill(shown, h("div", { class: "notice once" },
          h("p", {}, h("strong", {}, `Token “${created.name}” created. Copy it now: it will not be shown again.`)),
          copyField("SCIM base URL", created.base_url, { id: "scim-base-url", what: "SCIM base URL" }),
          copyField("Token", created.token, { id: "scim-token-value", what: "SCIM token" }),
          h("p", { class: "hint" }, "In the identity provider: Entra's Tenant URL and Secret Token, Okta's SCIM connector base URL with HTTP Header authentication.")));
        toast(`SCIM token “${created.name}” created.`, { kind: "success" });
        await load();
        document.getElementById("scim-token-value")?.focus();
      } catch (e) {
        f.showError(e, { action: "manage SCIM provisioning", role: ctx.role });
      }
    },
  });
  const el = h("section", { "aria-labelledby": "scim-tokens-heading", id: "scim-tokens" }, heading,
    h("p", { class: "muted" }, "Your identity provider creates, changes, suspends and removes members over SCIM 2.0 with one of these tokens."),
    createForm.el, shown, list);

  async function revoke(t, line) {
    const yes = await confirmDialog({
      title: `Revoke the token “${t.name}”?`,
      message: "The identity provider using it is refused from now on, until you give it a new token. Members it provisioned stay.",
      confirmLabel: "Revoke token",
    });
    if (!yes) return;
    try {
      await api("DELETE", `/api/v1/team/scim/tokens/${encodeURIComponent(t.id)}`);
      toast(`SCIM token “${t.name}” revoked.`, { kind: "success" });
      fill(shown);
      await load();
      heading.focus();
    } catch (e) {
      fill(line, explain(e, { action: "manage SCIM provisioning", role: ctx.role }).text);
    }
  }

  function item(t) {
    const line = errorLine(`scim-token-${t.id}-error`);
    return h("li", { dataset: { tokenId: t.id, revoked: String(!!t.revoked_at) } },
      h("span", { class: "invite-email" }, t.name),
      h("span", { class: "muted" }, " created ", timeEl(t.created_at), " · ",
        t.last_used_at ? ["last used ", timeEl(t.last_used_at, true)] : "never used",
        t.revoked_at ? [" · revoked ", timeEl(t.revoked_at)] : ""),
      t.revoked_at ? null : h("div", { class: "invite-actions" },
        h("button", { type: "button", class: "danger-outline", "aria-describedby": line.id, onClick: () => revoke(t, line) }, `Revoke ${t.name}`), line));
  }

  async function load() {
    const tokens = await api("GET", "/api/v1/team/scim/tokens");
    fill(list, tokens.length ? tokens.map(item) : h("li", { class: "muted empty" }, "No SCIM tokens yet."));
  }

  return { el, load };
}

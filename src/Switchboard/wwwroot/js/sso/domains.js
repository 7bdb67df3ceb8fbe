// Verified domains (/api/v1/team/sso/domains): single sign-on vouches only for addresses in a domain the workspace
// proved it runs, by publishing a TXT value in its DNS. Add a domain, copy its TXT name and value, Verify, remove.
import { h, fill, timeEl } from "../dom.js";
import { api } from "../api.js";
import { form, textField, errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { copyField } from "./copy-field.js";

export function domainsCard(ctx) {
  const heading = h("h2", { id: "sso-domains-heading", tabindex: -1 }, "Verified domains");
  const list = h("ul", { class: "invites sso-domains", id: "sso-domains-list" });
  const domain = textField({ label: "Domain", name: "domain", maxlength: 300, autocomplete: "off", hint: "Such as acme.com: the part of your members' addresses after the @." });
  const addForm = form({
    label: "Add a domain",
    fields: [domain],
    submitLabel: "Add domain",
    async onSubmit(values, f) {
      try {
        const added = await api("POST", "/api/v1/team/sso/domains", { domain: values.domain });
        domain.input.value = "";
        toast(`${added.domain} added: publish its TXT record, then verify it.`, { kind: "success" });
        await load();
        document.getElementById(`verify-${added.domain}`)?.focus();
      } catch (e) {
        f.showError(e, { action: "manage single sign-on", role: ctx.role });
      }
    },
  });
  const el = h("section", { class: "card", "aria-labelledby": "sso-domains-heading", id: "sso-domains" }, heading,
    h("p", { class: "muted" }, "Publish each domain's TXT value at its TXT name in your DNS, then press Verify. Single sign-on "
      + "confirms addresses, and enforcement applies, only in verified domains."),
    list, addForm.el);

  async function verify(d, line) {
    fill(line);
    try {
      const checked = await api("POST", `/api/v1/team/sso/domains/${encodeURIComponent(d.domain)}/verify`);
      toast(`${checked.domain} is verified.`, { kind: "success" });
      await load();
      document.getElementById(`domain-${d.domain}`)?.querySelector(".domain-state")?.focus();
    } catch (e) {
      // The lookup's own words ("No TXT record found at …") say what to fix.
      fill(line, explain(e, { action: "manage single sign-on", role: ctx.role }).text);
    }
  }

  async function remove(d, line) {
    const yes = await confirmDialog({
      title: `Remove ${d.domain}?`,
      message: `Single sign-on no longer vouches for ${d.domain} addresses, and enforcement stops there. To use it again you add it and verify a new TXT value.`,
      confirmLabel: "Remove domain",
    });
    if (!yes) return;
    try {
      await api("DELETE", `/api/v1/team/sso/domains/${encodeURIComponent(d.domain)}`);
      toast(`${d.domain} removed.`, { kind: "success" });
      await load();
      heading.focus();
    } catch (e) {
      fill(line, explain(e, { action: "manage single sign-on", role: ctx.role }).text);
    }
  }

  function item(d) {
    const line = errorLine(`domain-${d.domain}-error`);
    return h("li", { id: `domain-${d.domain}`, dataset: { domain: d.domain, verified: String(d.verified) } },
      h("div", { class: "invite-main" }, h("strong", { class: "invite-email" }, d.domain),
        h("span", { class: `pill ${d.verified ? "pill-open" : ""}`.trim(), tabindex: -1 }, d.verified ? "Verified" : "Not verified yet"),
        d.verified ? h("span", { class: "muted" }, " on ", timeEl(d.verified_at)) : null),
      d.verified ? null : h("div", { class: "txt-record" },
        copyField("TXT name", d.txt_name, { id: `txt-name-${d.domain}`, what: `TXT name of ${d.domain}` }),
        copyField("TXT value", d.txt_value, { id: `txt-value-${d.domain}`, what: `TXT value of ${d.domain}` })),
      h("div", { class: "invite-actions" },
        d.verified ? null : h("button", { type: "button", id: `verify-${d.domain}`, "aria-describedby": line.id, onClick: () => verify(d, line) }, `Verify ${d.domain}`),
        h("button", { type: "button", class: "danger-outline", "aria-describedby": line.id, onClick: () => remove(d, line) }, `Remove ${d.domain}`),
        line));
  }

  async function load() {
    const domains = await api("GET", "/api/v1/team/sso/domains");
    fill(list, domains.length ? domains.map(item) : h("li", { class: "muted empty" }, "No domains yet."));
  }

  return { el, load };
}

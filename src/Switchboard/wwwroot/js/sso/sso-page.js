// Settings → Single sign-on (owner only): the OpenID Connect provider, the verified domains it vouches for, and SCIM
// provisioning (tokens, groups → roles). Each part reads and saves through its own owner-only routes (docs/sso-scim.md).
import { h } from "../dom.js";
import { api } from "../api.js";
import { providerForm } from "./provider-form.js";
import { providerLinks } from "./provider-links.js";
import { domainsCard } from "./domains.js";
import { scimTokens } from "./scim-tokens.js";
import { scimMapping } from "./scim-mapping.js";

/** GET /team/sso, or null when no provider is set (its 404). */
async function readProvider() {
  try {
    return await api("GET", "/api/v1/team/sso");
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

export async function ssoPage(main, app) {
  const ctx = app.ctx;
  const domains = domainsCard(ctx);
  const links = providerLinks(ctx, { onRemoved: () => reload() });
  const provider = providerForm(ctx, {
    onSaved: async (view) => {
      show(view);
      await domains.load();
    },
  });
  const tokens = scimTokens(ctx);
  const mapping = scimMapping(ctx);
  const state = h("p", { id: "sso-state", class: "muted" });

  main.append(
    h("p", { class: "breadcrumb" }, "Settings → Single sign-on"),
    h("h1", {}, "Single sign-on"),
    h("section", { class: "card", "aria-labelledby": "sso-provider-heading", id: "sso-provider" },
      h("h2", { id: "sso-provider-heading" }, "OpenID Connect provider"),
      h("p", { class: "muted" }, "Members sign in at your identity provider (Microsoft Entra ID, Okta, Google, Keycloak…) and land here signed in. "
        + "A first sign-in adds them to the team with the role and seat below."),
      state, links.el, provider.el, links.removal),
    domains.el,
    h("section", { class: "card", "aria-labelledby": "scim-heading", id: "scim" },
      h("h2", { id: "scim-heading" }, "SCIM provisioning"),
      h("p", { class: "muted" }, "Your identity provider can also create, change, suspend and remove members itself over SCIM 2.0."),
      tokens.el,
      h("section", { "aria-labelledby": "scim-mapping-heading", id: "scim-mapping" },
        h("h3", { id: "scim-mapping-heading" }, "Roles and seats of provisioned users"), mapping.el)));

  function show(view) {
    state.textContent = view
      ? `Single sign-on is on${view.enforce ? " and enforced" : ""}: members sign in through ${view.issuer}.`
      : "Single sign-on is off: members sign in with their passwords.";
    links.show(view);
    provider.show(view);
  }

  async function reload() {
    const [view] = await Promise.all([readProvider(), domains.load()]);
    show(view);
  }

  await Promise.all([reload(), tokens.load(), mapping.load()]);
}

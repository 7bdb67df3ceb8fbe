// Settings → Single sign-on in Chromium, as the owner uses it: the provider's form (secret write-only, a bad issuer
// refused next to its field), a domain with its TXT record and a Verify that answers in words, a SCIM token shown
// once and revoked; admins and agents get no link, and the address itself tells them the page is the owner's.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { business, addMember, freePort } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, accessibilityProblems, scrollsSideways, snap } from "./browser.mjs";
import { publishTxt } from "../sso/dns.mjs";

let dns;

// The service looks TXT records up only here: a DNS server authoritative for .example that holds none of the test's
// records, so a verification finds nothing (never the real DNS). "localhost": PublicBaseUrl is then the address the
// browser uses, so the redirect URI reads the same before and after saving.
const suite = useBrowserSuite(async () => {
  const dnsPort = await freePort();
  dns = await publishTxt(dnsPort, [["_switchboard-verification.unrelated.example", "switchboard-verification=none"]]);
  return { Sso__DnsServer: `127.0.0.1:${dnsPort}` };
}, { host: "localhost" });

after(async () => {
  await dns?.stop();
});

test("the owner sets up the provider, a domain and a SCIM token from the Single sign-on page", { timeout: 90_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  await page.getByRole("link", { name: "Single sign-on" }).click();
  await seeText(page.locator("#sso-state"), "Single sign-on is off");
  const callback = `${suite.service.url}/api/v1/auth/sso/callback`;
  assert.equal(await page.locator("#sso-redirect-uri").inputValue(), callback);
  const provider = page.locator("#sso-provider");

  // A bad issuer: the service's words next to the issuer field, nothing saved.
  await provider.getByLabel("Issuer URL").fill("login.acme.example");
  await provider.getByLabel("Client ID").fill("switchboard-app");
  await provider.getByLabel("Client secret").fill("first-secret-value");
  await provider.getByRole("button", { name: "Save single sign-on" }).click();
  await seeText(provider.locator("[data-field=issuer] .error"), /issuer URL, such as https:\/\//i);
  assert.equal(await provider.getByLabel("Issuer URL").getAttribute("aria-invalid"), "true");
  assert.equal((await biz.api.call("GET", "/api/v1/team/sso")).status, 404);

  await provider.getByLabel("Issuer URL").fill("https://login.acme.example/");
  await provider.getByLabel("Role of new members").selectOption("agent");
  await provider.getByLabel("Seat of new members").selectOption("lite");
  await provider.getByLabel("Role claim (optional)").fill("groups");
  await provider.getByRole("button", { name: "Add a claim value" }).click();
  await provider.getByLabel("Claim value", { exact: true }).fill("support-admins");
  await provider.getByLabel("Role for claim value").selectOption("admin");
  await provider.getByLabel("Members must sign in through the provider").check();
  await seeText(provider, "You, the owner, keep your password");
  await provider.getByRole("button", { name: "Save single sign-on" }).click();
  await seeText(page.locator("#toasts"), "Single sign-on saved.");
  await seeText(page.locator("#sso-state"), "on and enforced");
  assert.equal(await page.locator("#sso-sign-in-url").inputValue(), `${suite.service.url}/api/v1/auth/sso/start?workspace=${biz.id}`);
  // The test sign-in runs in a tab of its own (the round trip through a provider: tests/e2e/sso/browser.test.mjs).
  assert.equal(await page.locator("#sso-test-link").getAttribute("href"), `/settings/sso/test?workspace=${biz.id}`);
  assert.equal(await page.locator("#sso-test-link").getAttribute("target"), "_blank");
  await seeText(page.locator("#sso-test-hint"), "This page and your other tabs stay as they are");

  // After a reload: the values, the secret never (only that one is set), the redirect URI the service names.
  await page.reload();
  await seeText(page.locator("#sso-state"), "on and enforced");
  assert.equal(await provider.getByLabel("Issuer URL").inputValue(), "https://login.acme.example/");
  assert.equal(await provider.getByLabel("Client ID").inputValue(), "switchboard-app");
  assert.equal(await provider.getByLabel("Client secret").inputValue(), "");
  assert.match(await provider.getByLabel("Client secret").getAttribute("placeholder"), /secret is set/);
  assert.equal(await provider.getByLabel("Seat of new members").inputValue(), "lite");
  assert.equal(await provider.getByLabel("Claim value", { exact: true }).inputValue(), "support-admins");
  assert.equal(await provider.getByLabel("Role for claim value").inputValue(), "admin");
  assert.equal(await provider.getByLabel("Members must sign in through the provider").isChecked(), true);
  assert.equal(await page.locator("#sso-redirect-uri").inputValue(), callback);
  assert.ok(!(await page.content()).includes("first-secret-value"));

  // Saving again with the secret left empty keeps it (a sign-in still has one to use).
  await provider.getByLabel("Members must sign in through the provider").uncheck();
  await provider.getByRole("button", { name: "Save single sign-on" }).click();
  await seeText(page.locator("#sso-state"), /Single sign-on is on: members sign in through https:\/\/login\.acme\.example\//);
  const saved = await biz.api.ok("GET", "/api/v1/team/sso");
  assert.equal(saved.client_secret_set, true);
  assert.equal(saved.enforce, false);

  // A domain: its TXT name and value to publish; Verify answers with the lookup's words (no record in this DNS).
  const domain = `acme-${randomUUID().slice(0, 8)}.example`;
  const domains = page.locator("#sso-domains");
  await domains.getByLabel("Domain", { exact: true }).fill("not a domain");
  await domains.getByRole("button", { name: "Add domain" }).click();
  await seeText(domains.locator("[data-field=domain] .error"), /domain name such as example\.com/i);
  await domains.getByLabel("Domain", { exact: true }).fill(domain.toUpperCase());
  await domains.getByRole("button", { name: "Add domain" }).click();
  const row = domains.locator(`li[data-domain="${domain}"]`);
  await seeText(row, "Not verified yet");
  assert.equal(await row.getByRole("textbox", { name: "TXT name" }).inputValue(), `_switchboard-verification.${domain}`);
  const claimed = (await biz.api.ok("GET", "/api/v1/team/sso/domains")).find((d) => d.domain === domain);
  assert.equal(await row.getByRole("textbox", { name: "TXT value" }).inputValue(), claimed.txt_value);
  assert.match(claimed.txt_value, /^switchboard-verification=[0-9a-f]{32}$/);
  await row.getByRole("button", { name: `Verify ${domain}` }).click();
  await seeText(row.locator(".error"), `No TXT record found at _switchboard-verification.${domain}.`);
  await seeText(row, "Not verified yet");

  // A SCIM token: shown once with the base URL and the words that say so; the list keeps only its name.
  const scim = page.locator("#scim-tokens");
  await scim.getByLabel("Token name").fill("Entra");
  await scim.getByRole("button", { name: "Create token" }).click();
  await seeText(page.locator("#scim-token-created"), "Copy it now: it will not be shown again.");
  const token = await page.locator("#scim-token-value").inputValue();
  assert.match(token, /^scim_/);
  assert.equal(await page.locator("#scim-base-url").inputValue(), `${suite.service.url}/scim/v2`);
  await seeText(scim.locator("#scim-tokens-list"), "Entra");
  // The token works for the provider, as pasted.
  assert.equal((await fetch(`${suite.service.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${token}` } })).status, 200);

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    assert.equal(await scrollsSideways(page), false);
    await snap(page, `sso-settings-${width}`);
  }
  assert.deepEqual(await accessibilityProblems(page), []);

  await page.reload();
  await seeText(scim.locator("#scim-tokens-list"), "Entra");
  assert.equal(await page.locator("#scim-token-value").count(), 0);
  assert.ok(!(await page.content()).includes(token), "the token is not shown again");

  await scim.getByRole("button", { name: "Revoke Entra" }).click();
  await page.locator("dialog.confirm").getByRole("button", { name: "Revoke token" }).click();
  await seeText(page.locator("#toasts"), "SCIM token “Entra” revoked.");
  await seeText(scim.locator("#scim-tokens-list"), "revoked");
  assert.equal(await scim.getByRole("button", { name: "Revoke Entra" }).count(), 0);
  assert.equal((await fetch(`${suite.service.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${token}` } })).status, 401);

  // Removing a domain and single sign-on itself both ask first.
  await row.getByRole("button", { name: `Remove ${domain}` }).click();
  await page.locator("dialog.confirm").getByRole("button", { name: "Remove domain" }).click();
  await seeText(domains.locator("#sso-domains-list"), "No domains yet.");
  await page.getByRole("button", { name: "Remove single sign-on" }).click();
  await page.locator("dialog.confirm").getByRole("button", { name: "Remove single sign-on" }).click();
  await seeText(page.locator("#sso-state"), "Single sign-on is off");
  assert.equal((await biz.api.call("GET", "/api/v1/team/sso")).status, 404);
  assert.deepEqual(page.errors, []);
});

test("admins and agents get no Single sign-on link, and its address says in words that it is the owner's", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  for (const role of ["admin", "agent"]) {
    const member = await addMember(suite.service, biz, role);
    const page = await openSignedIn(suite.browser, suite.service, member, biz.id, "/team");
    const refused = [];
    page.on("response", (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await page.getByRole("link", { name: "Team", exact: true }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Single sign-on" }).count(), 0);
    await page.goto("/settings/sso");
    await seeText(page.locator("#not-for-role"), "Single sign-on: for the owner");
    await seeText(page.locator("#not-for-role"), `you are ${role === "admin" ? "an admin" : "an agent"}, so this page is not open to you`);
    // Nothing was asked that the role is refused.
    assert.deepEqual(refused, []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

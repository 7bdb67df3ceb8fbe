// axe-core (npm) on every page of the dashboard, as each kind of visitor reaches it: zero violations of any
// impact — minor and moderate included, not only the serious ones the other tests check in passing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember, register } from "../switchboard/service.mjs";
import { useBrowserSuite, newPage, openSignedIn, accessibilityViolations, seedMembers, seeText } from "./browser.mjs";


const suite = useBrowserSuite();

/** Waits for `ready`, then runs axe; returns the violations labelled with the path. */
async function check(page, path, ready) {
  if (path) await page.goto(path);
  await page.locator(ready).first().waitFor({ timeout: 10_000 });
  // Let skeletons and live reads settle: axe judges what stays on screen.
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"), null, { timeout: 10_000 }).catch(() => {});
  return (await accessibilityViolations(page)).map((v) => `${path ?? page.url()}: ${v}`);
}

test("every page, for the owner, an agent, a suspended member, someone without a workspace and a visitor: axe finds nothing", { timeout: 180_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  const suspended = await addMember(suite.service, biz);
  seedMembers(suite.service, biz.id, Array.from({ length: 60 }, (_, i) => ({ name: `Teammate ${i}`, email: `mate${i}-${biz.id.slice(0, 8)}@example.com`, status: ["Live", "Away", "Offline"][i % 3] })));
  await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-axe", initial_message: "Hello" });
  const invite = (await biz.api.ok("POST", "/app/invites", { email: `axe-${biz.id.slice(0, 8)}@example.com`, seat: "lite" })).data;
  const link = await biz.api.ok("POST", "/app/invite-links", { seat: "lite" });
  await biz.api.ok("POST", `/api/v1/team/members/${suspended.memberId}/suspend`);
  // The Single sign-on page with all it can show: a provider with a claim mapping, a domain to verify, a SCIM token.
  await biz.api.ok("PUT", "/api/v1/team/sso", { issuer: "https://login.axe.example/", client_id: "axe", client_secret: "axe-secret",
    domains: [`axe-${biz.id.slice(0, 8)}.example`], role_claim: "groups", role_map: [{ value: "admins", role: "admin", seat: "full" }] });
  await biz.api.ok("POST", "/api/v1/team/scim/tokens", { name: "Entra" });
  await biz.api.ok("PUT", "/api/v1/team/scim/settings", { group_map: [{ group: "Support Admins", role: "admin", seat: "full" }] });
  const loner = await register(suite.service, "Lonely Visitor");
  // A routing team with a member and business hours (a night span, a holiday), for the Teams pages.
  const team = await biz.api.ok("POST", "/api/v1/team/teams", { name: "Night desk" });
  await biz.api.ok("PUT", `/api/v1/team/teams/${team.id}/members/${agent.memberId}`);
  await biz.api.ok("PUT", `/api/v1/team/teams/${team.id}/hours`,
    { timezone: "Europe/Berlin", weekly: [{ day: "mon", from: "09:00", to: "17:00" }, { day: "sun", from: "22:00", to: "06:00" }], holidays: ["2026-12-25"] });
  const found = [];

  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  found.push(...await check(owner, null, "#members tbody tr[data-member-id]"));
  for (const [path, ready] of [["/conversations", "#conversation-list tbody tr"], ["/supervisor", "#agents tbody tr[data-member-id]"],
    ["/audit", "#audit tbody tr[data-action]"], ["/settings/sso", "#sso-domains-list li[data-domain]"], ["/account", "h1"], ["/account/danger", "h1"], ["/teams", "#teams-table tbody tr"],
    [`/teams/${team.id}`, "#team-members-table tbody tr"]]) {
    found.push(...await check(owner, path, ready));
  }

  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team");
  // An agent's pages ask nothing the role is refused (each refusal was a 403 in the console).
  const refused = [];
  agentPage.on("response", (response) => {
    if (response.status() === 403) refused.push(response.url());
  });
  found.push(...await check(agentPage, "/team", "#members tbody tr[data-member-id]"));
  found.push(...await check(agentPage, "/supervisor", "#not-for-role"));
  await seeText(agentPage.locator("#not-for-role"), "Supervisor: for owners and admins");
  await seeText(agentPage.locator("#not-for-role"), "you are an agent");
  found.push(...await check(agentPage, "/audit", "#not-for-role"));
  found.push(...await check(agentPage, "/teams", "#not-for-role"));
  found.push(...await check(agentPage, "/settings/sso", "#not-for-role"));
  await seeText(agentPage.locator("#not-for-role"), "Single sign-on: for the owner");
  found.push(...await check(agentPage, "/conversations", "h1"));

  const suspendedPage = await openSignedIn(suite.browser, suite.service, suspended, null, "/team", { live: false });
  found.push(...await check(suspendedPage, null, "#suspended"));

  const lonePage = await openSignedIn(suite.browser, suite.service, loner, null, "/workspaces/new", { live: false });
  found.push(...await check(lonePage, null, "form"));

  const visitor = await newPage(suite.browser, suite.service);
  for (const [path, ready] of [["/login", "form"], ["/signup", "form"], ["/forgot-password", "form"], ["/reset-password?token=nope", "h1"],
    ["/verify-email?token=nope", "#verify-email .error"], [`/invite/${invite.id}`, "form"], ["/invite/5b0b3f0e-6f4e-4a57-9d0e-1f6f7f9b2a10", "h1"],
    [`/join#${(link.data ?? link).token}`, "#join-link-what"], ["/join", "#join-link"]]) {
    found.push(...await check(visitor, path, ready));
  }
  assert.deepEqual(found, []);
  assert.deepEqual(refused, []);
  assert.deepEqual([...owner.errors, ...agentPage.errors, ...suspendedPage.errors, ...lonePage.errors, ...visitor.errors], []);
});

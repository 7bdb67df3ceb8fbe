// The supervisor view (queue, longest wait, members by status with time in status and load, live over the
// socket) and the audit log page (newest first, filtered by action and by who acted, paged), as owners and
// admins use them; agents are not offered either.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, scrollsSideways, accessibilityProblems, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("supervisor: the queue, the longest wait and each member's status, time in it and load follow the socket", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  await page.getByRole("link", { name: "Supervisor" }).click();
  await seeText(page.locator("#supervisor-queue"), "0 conversations waiting");
  await seeText(page.locator("#supervisor-wait"), "Nobody is waiting.");
  const row = page.locator("#agents tbody tr", { hasText: "Alex Agent" });
  await seeText(row, "Offline");
  await seeText(row, "0 of");

  // A conversation arrives (nobody live to route it to): the queue grows, no reload, no polling.
  const owner = suite.service.api(biz.owner.token);
  const conversation = await owner.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-s1" });
  await seeText(page.locator("#supervisor-queue"), "1 conversation waiting");
  await seeText(page.locator("#supervisor-wait"), "Longest wait: under a minute");

  // The agent goes live, and is given the conversation: status, time in it and load follow.
  await suite.service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });
  await seeText(row, "Live");
  await seeText(row.locator("td.since"), "under a minute");
  await biz.api.ok("POST", `/api/v1/team/assign/${conversation.id}?agent_id=${agent.id}`);
  await seeText(page.locator("#supervisor-queue"), "0 conversations waiting");
  await seeText(row.locator("td.load"), "1 of");
  await seeText(page.locator("#supervisor-counts"), "Live: 2");

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    assert.equal(await scrollsSideways(page), false);
    await snap(page, `supervisor-${width}`);
  }
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);
});

test("supervisor: filtered by team, the counts, the queue with its ages and the load against capacity follow", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const billingAgent = await addMember(suite.service, biz);
  const otherAgent = await addMember(suite.service, biz);
  const billing = await biz.api.ok("POST", "/api/v1/team/teams", { name: "Billing" });
  await biz.api.ok("PUT", `/api/v1/team/teams/${billing.id}/members/${billingAgent.memberId}`);
  const owner = suite.service.api(biz.owner.token);
  // Manual routing (the default): both wait. One for Billing (urgent), one for anyone.
  const forBilling = await owner.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-billing", team_id: billing.id, priority: "urgent" });
  await owner.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-any" });

  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/supervisor");
  await seeText(page.locator("#supervisor-queue"), "2 conversations waiting");
  const waiting = page.locator("#waiting-list li");
  await seeText(waiting.first(), /Waiting under a minute · Urgent priority · Billing/);
  await seeText(waiting.nth(1), /Waiting under a minute · .* priority · any team/);
  await seeText(page.locator("#supervisor-counts"), "Offline: 2");

  // Billing only: its member, its waiting conversation, its counts.
  await page.getByLabel("Team").selectOption({ label: "Billing" });
  await seeText(page.locator("#supervisor-queue"), "1 conversation waiting");
  assert.equal(await waiting.count(), 1);
  assert.equal(await page.locator("#agents tbody tr").count(), 1);
  assert.equal(await page.locator("#agents tbody tr").getAttribute("data-member-id"), billingAgent.memberId);
  await seeText(page.locator("#supervisor-counts"), "Offline: 1");

  // Live counts and load follow the socket: the Billing agent goes live and is given Billing's conversation;
  // the queue shrinks and their load reads against their capacity.
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await suite.service.api(billingAgent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });
  await seeText(page.locator("#supervisor-counts"), "Live: 1");
  await biz.api.ok("POST", `/api/v1/team/assign/${forBilling.id}?agent_id=${billingAgent.id}`);
  await seeText(page.locator("#supervisor-queue"), "0 conversations waiting");
  await seeText(page.locator("#agents tbody tr td.load"), /^1 of \d+/);
  // The other agent's status change is a patch: no read of the supervisor view for it.
  const before = requests.filter((u) => u.includes("/team/supervisor")).length;
  await suite.service.api(otherAgent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "away" });
  await page.getByLabel("Team").selectOption({ label: "Every team" });
  await seeText(page.locator("#supervisor-counts"), "Away: 1");
  assert.equal(requests.filter((u) => u.includes("/team/supervisor")).length, before);

  // Filter by status narrows the table, not the counts.
  await page.locator("#agent-status-filter").selectOption("away");
  assert.equal(await page.locator("#agents tbody tr").count(), 1);
  await seeText(page.locator("#supervisor-counts"), "Live: 2");
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);
});

test("audit log: newest first, filtered by action and by who acted, paged; agents get no link", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  await suite.service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "away" });
  for (let i = 0; i < 55; i++) await biz.api.ok("PATCH", "/api/v1/team/settings", { auto_offline: i % 2 === 0 });

  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  await page.getByRole("link", { name: "Audit log" }).click();
  const rows = page.locator("#audit tbody tr");
  await seeText(rows.first(), "Team settings changed");
  await seeText(page.locator("#audit-summary"), /Page 1 of 2 · 5\d entries/);
  await page.getByRole("button", { name: "Next" }).click();
  await seeText(page.locator("#audit-summary"), "Page 2 of 2");
  await seeText(page.locator("#audit tbody"), "Workspace created");

  await page.getByLabel("Action").selectOption("status.changed");
  await seeText(page.locator("#audit-summary"), "Page 1 of 1");
  assert.equal(await rows.count(), 1);
  await seeText(rows.first(), "Alex Agent");

  await page.getByLabel("Action").selectOption("");
  await page.getByLabel("Done by").fill(agent.email);
  await page.getByRole("button", { name: "Filter" }).click();
  await seeText(page.locator("#audit-actor-note"), "Showing what Alex Agent did.");
  await seeText(page.locator("#audit-summary"), "1 entry");
  await page.getByLabel("Done by").fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Filter" }).click();
  await seeText(page.locator("#audit-actor-note"), "No member matches.");

  await page.setViewportSize({ width: 360, height: 800 });
  assert.equal(await scrollsSideways(page), false);
  await snap(page, "audit-360");
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);

  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team");
  assert.equal(await agentPage.getByRole("link", { name: "Audit log" }).count(), 0);
  assert.equal(await agentPage.getByRole("link", { name: "Supervisor" }).count(), 0);
});

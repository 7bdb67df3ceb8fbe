// The supervisor view (queue, longest wait, members by status with time in status and load, live over the
// socket) and the audit log page (newest first, filtered by action and by who acted, paged), as owners and
// admins use them; agents are not offered either.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startService, business, addMember } from "../switchboard/service.mjs";
import { launch, startBoth, openSignedIn, seeText, scrollsSideways, accessibilityProblems, snap } from "./browser.mjs";

let service;
let browser;

before(async () => {
  [service, browser] = await startBoth(startService());
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

test("supervisor: the queue, the longest wait and each member's status, time in it and load follow the socket", { timeout: 40_000 }, async () => {
  const biz = await business(service, "pro");
  const agent = await addMember(service, biz);
  const page = await openSignedIn(browser, service, biz.owner, biz.id, "/team");
  await page.getByRole("link", { name: "Supervisor" }).click();
  await seeText(page.locator("#supervisor-queue"), "0 conversations waiting");
  await seeText(page.locator("#supervisor-wait"), "Nobody is waiting.");
  const row = page.locator("#agents tbody tr", { hasText: "Alex Agent" });
  await seeText(row, "Offline");
  await seeText(row, "0 of");

  // A conversation arrives (nobody live to route it to): the queue grows, no reload, no polling.
  const owner = service.api(biz.owner.token);
  const conversation = await owner.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-s1" });
  await seeText(page.locator("#supervisor-queue"), "1 conversation waiting");
  await seeText(page.locator("#supervisor-wait"), "Longest wait: under a minute");

  // The agent goes live, and is given the conversation: status, time in it and load follow.
  await service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });
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

test("audit log: newest first, filtered by action and by who acted, paged; agents get no link", { timeout: 40_000 }, async () => {
  const biz = await business(service, "pro");
  const agent = await addMember(service, biz);
  await service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "away" });
  for (let i = 0; i < 55; i++) await biz.api.ok("PATCH", "/api/v1/team/settings", { auto_offline: i % 2 === 0 });

  const page = await openSignedIn(browser, service, biz.owner, biz.id, "/team");
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

  const agentPage = await openSignedIn(browser, service, agent, biz.id, "/team");
  assert.equal(await agentPage.getByRole("link", { name: "Audit log" }).count(), 0);
  assert.equal(await agentPage.getByRole("link", { name: "Supervisor" }).count(), 0);
});

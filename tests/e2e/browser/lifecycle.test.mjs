// The member lifecycle in a real Chromium: the owner suspends an agent (the agent's open page is told and
// leaves the workspace), restores them, and shares an invite link that a second person joins through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember, registerConfirmed } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, memberRow, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("the owner suspends an agent, whose page is told at once, then restores them", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id);
  const row = memberRow(owner, agent.email);
  await seeText(row, "Alex Agent");

  await row.getByRole("button", { name: "Suspend Alex Agent" }).click();
  const dialog = owner.getByRole("dialog");
  await seeText(dialog, "Suspend Alex Agent?");
  await dialog.getByRole("button", { name: "Suspend member" }).click();

  await seeText(row, "Suspended");
  await seeText(owner.locator("#toasts"), "Alex Agent was suspended: their seat is free and they are signed out of Acme Support.");
  await seeText(owner.locator("#plan-usage"), "0 of 2 agents on Mini");
  await seeText(agentPage.locator("#toasts .toast"), "Your access to Acme Support was suspended.", 3_000);
  // The agent's page says where they are suspended, not "Create your workspace"; a fresh visit says the same.
  await seeText(agentPage.locator("h1"), "Your access to Acme Support is suspended");
  await seeText(agentPage.locator("#suspended"), "You belong to no other workspace.");
  await agentPage.goto("/team");
  await seeText(agentPage.locator("h1"), "Your access to Acme Support is suspended");
  assert.equal(new URL(agentPage.url()).pathname, "/suspended");
  await snap(owner, "member-suspended");

  await row.getByRole("button", { name: "Restore Alex Agent" }).click();
  await seeText(row.getByRole("button", { name: "Suspend Alex Agent" }), "Suspend");
  await seeText(owner.locator("#toasts"), "Alex Agent was restored: they can use Acme Support again.");
  assert.doesNotMatch(await row.innerText(), /Suspended/);
  await seeText(owner.locator("#plan-usage"), "1 of 2 agents on Mini");
  assert.deepEqual([...owner.errors, ...agentPage.errors], []);
});

test("the owner creates an invite link, shown once, and a signed-in person joins through it", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const card = owner.locator("#invite-links");
  await seeText(card, "No invite links yet.");
  await card.getByLabel("Seat").selectOption("lite");
  await card.getByLabel("Uses (1–1000)").fill("3");
  await card.getByRole("button", { name: "Create link" }).click();
  const url = await card.locator("#link-url").inputValue();
  assert.match(url, /\/join#[A-Za-z0-9_-]{43}$/);
  await seeText(card.locator("#invite-links-list"), "0/3 used");
  await snap(owner, "invite-links");

  const newcomer = await registerConfirmed(suite.service, "Nina Newcomer");
  const page = await openSignedIn(suite.browser, suite.service, newcomer, null, `/join${new URL(url).hash}`, { live: false });
  // The page names where the link leads, before anyone joins.
  await seeText(page.locator("#join-link h1"), "Join Acme Support");
  await seeText(page.locator("#join-link"), "You're invited to Acme Support as an agent with a lite seat.");
  await seeText(page.locator("#join-link"), "You're signed in as Nina Newcomer");
  // The secret left the address bar as soon as the page read it.
  assert.equal(new URL(page.url()).hash, "");
  await page.getByRole("button", { name: "Join the workspace" }).click();
  await seeText(page.locator("h1"), "Team of Acme Support");

  await seeText(memberRow(owner, newcomer.email), "Nina Newcomer");
  await seeText(card.locator("#invite-links-list"), "1/3 used");

  // Revoking asks first; once revoked, its dead URL is no longer on screen to be copied.
  await card.getByRole("button", { name: /^Revoke agent link/ }).click();
  const ask = owner.locator("dialog.confirm", { hasText: "Revoke this agent link?" });
  await ask.getByRole("button", { name: "Cancel" }).click();
  await ask.waitFor({ state: "detached" });
  assert.equal(await card.locator("#link-url").count(), 1);
  await card.getByRole("button", { name: /^Revoke agent link/ }).click();
  await ask.getByRole("button", { name: "Revoke link" }).click();
  await seeText(owner.locator("#toasts"), "Invite link revoked: it no longer works.");
  await seeText(card.locator("#invite-links-list"), "revoked");
  assert.equal(await card.locator("#link-url").count(), 0);

  // Opened again, the link says it no longer works, without asking anyone to sign in.
  const late = await openSignedIn(suite.browser, suite.service, await registerConfirmed(suite.service, "Lou Late"), null, `/join${new URL(url).hash}`, { live: false });
  await seeText(late.locator("#join-link-gone"), "This invite link no longer works");
  assert.deepEqual([...owner.errors, ...page.errors, ...late.errors], []);
});

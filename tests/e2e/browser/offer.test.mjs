// Offer routing: a conversation offered to an agent shows as a toast with Accept, Decline and the seconds left,
// on whatever page they are; Accept assigns it to them (the API says so) and the toast closes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("an agent accepts an offered conversation from the toast and it becomes theirs", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  await biz.api.ok("PATCH", "/api/v1/team/status", { status: "offline" });
  await biz.api.ok("PATCH", "/api/v1/team/routing", { mode: "offer", offer_timeout_seconds: 120 });
  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team");
  await suite.service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });

  const conversation = await biz.api.ok("POST", "/api/v1/conversations/",
    { business_id: biz.id, customer_id: "cust-9", initial_message: "Can I change my plan?" });
  const offered = await biz.api.ok("GET", `/api/v1/conversations/${conversation.id}`);
  assert.equal(offered.offered_agent_id, agent.id);

  const toast = agentPage.locator(`#toasts .offer[data-conversation-id="${conversation.id}"]`);
  await seeText(toast, "Conversation offered to you “Can I change my plan?”", 5_000);
  const seconds = Number(await toast.locator(".offer-countdown").textContent());
  assert.ok(seconds > 100 && seconds <= 120, `countdown shows ${seconds} seconds`);
  await snap(agentPage, "offer-toast");

  await toast.getByRole("button", { name: "Accept" }).click();
  await toast.waitFor({ state: "detached", timeout: 5_000 });
  await seeText(agentPage.locator("#toasts"), "Conversation accepted");
  const accepted = await biz.api.ok("GET", `/api/v1/conversations/${conversation.id}`);
  assert.equal(accepted.assigned_agent_id, agent.id);
  assert.equal(accepted.offered_agent_id, null);
  assert.deepEqual(agentPage.errors, []);
});

test("the owner chooses offer and accept with its timeout in the team settings; agents read it", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const settings = page.locator("#team-settings");
  // The form shows the saved settings once GET /team/routing answers; typing before that would be overwritten.
  await page.waitForFunction(() => document.querySelector("#team-settings [name=offer_timeout_seconds]")?.value === "30");
  await settings.getByLabel("Offer and accept", { exact: true }).check();
  await settings.getByLabel("Offer timeout (seconds)").fill("45");
  await settings.getByLabel("Lapsed offers before away").fill("2");
  await settings.getByRole("button", { name: "Save routing" }).click();
  await seeText(page.locator("#toasts"), "Routing saved.");
  const routing = await biz.api.ok("GET", "/api/v1/team/routing");
  assert.deepEqual([routing.mode, routing.offer_timeout_seconds, routing.offer_lapses_before_away, routing.after_hours_team_id],
    ["offer", 45, 2, null]);

  // Out of range: the field's own message, nothing saved.
  await settings.getByLabel("Offer timeout (seconds)").fill("2");
  await settings.getByRole("button", { name: "Save routing" }).click();
  await seeText(settings.locator("[data-field=offer_timeout_seconds] [role=alert]"), "between 5 and 3600");
  assert.equal((await biz.api.ok("GET", "/api/v1/team/routing")).offer_timeout_seconds, 45);

  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id);
  await seeText(agentPage.locator("#team-settings"), "Each conversation is offered to one agent, who has 45 seconds to accept it.");
  assert.deepEqual([...page.errors, ...agentPage.errors], []);
});

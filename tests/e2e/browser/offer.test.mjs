// Offer routing: a conversation offered to an agent shows as a toast with Accept, Decline and the seconds left,
// on whatever page they are; Accept assigns it to them (the API says so) and the toast closes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startService, business, addMember } from "../switchboard/service.mjs";
import { startBoth, openSignedIn, seeText, snap } from "./browser.mjs";

let service;
let browser;

before(async () => {
  [service, browser] = await startBoth(startService());
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

test("an agent accepts an offered conversation from the toast and it becomes theirs", { timeout: 60_000 }, async () => {
  const biz = await business(service, "pro");
  const agent = await addMember(service, biz);
  await biz.api.ok("PATCH", "/api/v1/team/status", { status: "offline" });
  await biz.api.ok("PATCH", "/api/v1/team/routing", { mode: "offer", offer_timeout_seconds: 120 });
  const agentPage = await openSignedIn(browser, service, agent, biz.id, "/team");
  await service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });

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

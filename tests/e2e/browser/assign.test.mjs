// Conversations: an owner assigns one from the list, the agent gets a toast on whatever page they are,
// and the routing queue and load follow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("an owner assigns a conversation; the agent sees a toast without reloading, and the queue empties", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const conversation = await biz.api.ok("POST", "/api/v1/conversations/",
    { business_id: biz.id, customer_id: "cust-42", initial_message: "Where is my order?" });

  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/conversations");
  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team");
  await seeText(owner.locator("#queue-length"), "1 conversation waiting");

  const row = owner.locator(`tr[data-conversation-id="${conversation.id}"]`);
  await seeText(row, "Unassigned");
  await row.getByLabel("Assign the conversation with cust-42 to").selectOption({ label: "Alex Agent" });
  await row.getByRole("button", { name: "Assign" }).click();

  const toast = agentPage.locator("#toasts .toast");
  await seeText(toast, "New conversation assigned to you “Where is my order?”", 3_000);
  await snap(agentPage, "assignment-toast");
  await seeText(row.locator("td.assignee"), "Alex Agent");
  await seeText(owner.locator("#queue-length"), "0 conversations waiting");
  await seeText(owner.locator(`#routing tr[data-user-id="${agent.id}"] td.load`), "1 of");
  await snap(owner, "conversations-owner");

  // The toast's link leads to the list, where the agent sees it is theirs and has no assign control.
  await toast.getByRole("link", { name: "Open conversations" }).click();
  const mine = agentPage.locator(`tr[data-conversation-id="${conversation.id}"]`);
  await seeText(mine.locator("td.assignee"), "Alex Agent You");
  assert.equal(await agentPage.locator("#conversation-list select").count(), 0);
  assert.deepEqual([...owner.errors, ...agentPage.errors], []);
});

test("an assignment the API refuses is explained beside that conversation's assign control", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  await addMember(suite.service, biz);
  const conversation = await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-7" });
  // A page that hears no events: it keeps offering the assignment after the conversation is resolved elsewhere
  // (a live page would drop the control on conversation_updated).
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/conversations", { deaf: true });
  const row = owner.locator(`tr[data-conversation-id="${conversation.id}"]`);
  await row.getByRole("button", { name: "Assign" }).click();
  await seeText(row.getByRole("alert"), "Choose an agent first.");

  // Resolved elsewhere while the page still offers it: the API's reason shows in that row.
  await row.getByLabel("Assign the conversation with cust-7 to").selectOption({ label: "Alex Agent" });
  await biz.api.ok("PUT", `/api/v1/conversations/${conversation.id}/resolve`);
  await row.getByRole("button", { name: "Assign" }).click();
  await seeText(row.getByRole("alert"), "Cannot assign a resolved conversation.");
  await seeText(row, "Resolved");
});

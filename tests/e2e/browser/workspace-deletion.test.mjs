// Deleting a workspace from Settings → Team in a real Chromium: the button stays disabled until the workspace's
// exact name is typed; once it is deleted the owner lands on "create a workspace", and a member watching the same
// workspace is told and taken off it at once (the workspace_deleted event, then the socket closes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("the owner deletes a workspace behind its typed name; a member watching is taken off it", { timeout: 90_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  const watcher = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team");
  // Only the owner is offered the section.
  assert.equal(await watcher.locator("#ownership").isVisible(), false);

  await owner.locator("#delete-workspace-section summary").click();
  const confirmField = owner.getByLabel("Type Acme Support to confirm");
  const button = owner.locator("#delete-workspace");
  assert.equal(await button.isDisabled(), true, "disabled before anything is typed");
  await confirmField.fill("acme support");
  assert.equal(await button.isDisabled(), true, "a name that differs in case does not wake it");
  await confirmField.fill("Acme Support");
  assert.equal(await button.isDisabled(), false);
  await snap(owner, "team-delete-workspace");
  await button.click();

  await seeText(owner.locator("h1"), "Create your workspace", 10_000);
  await seeText(watcher.locator("body"), "was deleted by its owner", 10_000);
  await seeText(watcher.locator("h1"), "Create your workspace", 10_000);
  assert.equal((await suite.service.api(biz.owner.token, biz.id).call("GET", "/api/v1/business")).status, 404);
  assert.equal((await suite.service.api(agent.token).call("GET", "/api/v1/auth/me")).body.businesses.length, 0);
  assert.deepEqual(owner.errors, []);
  assert.deepEqual(watcher.errors, []);
});

// Issue 29 ("the owner shows Offline after a minute in another tab"): presence counts sockets, one per tab, so
// a member with a second dashboard tab stays Live when the first one closes.
// No sleeps: a witness (an agent whose only tab closes after the owner's) going Offline on screen proves the
// grace period has passed for the owner too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, connected, seeText, memberRow } from "./browser.mjs";

let biz;

// A one-second grace (and recovery window) instead of a minute: the behaviour is the same, only shorter.
const suite = useBrowserSuite({ Realtime__PresenceGraceSeconds: "1" }, {
  async setUp() {
    biz = await business(suite.service, "pro");
  },
});

test("an owner with two tabs stays Live when one closes; an agent whose only tab closed goes Offline", { timeout: 60_000 }, async () => {
  const watcher = await addMember(suite.service, biz, "admin");
  const witness = await addMember(suite.service, biz, "agent");
  await suite.service.api(witness.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });
  const admin = await openSignedIn(suite.browser, suite.service, watcher, biz.id, "/team");
  await seeText(memberRow(admin, biz.owner.email).locator("td.status"), "Live");

  const first = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  const second = await first.context().newPage();
  await second.goto("/conversations");
  await connected(second);
  const witnessTab = await openSignedIn(suite.browser, suite.service, witness, biz.id, "/conversations");
  await seeText(memberRow(admin, witness.email).locator("td.status"), "Live");

  // The owner's first tab closes, then the witness's only tab: the witness's grace ends after the owner's would.
  await first.close();
  await witnessTab.close();
  await seeText(memberRow(admin, witness.email).locator("td.status"), "Offline", 15_000);
  assert.match(await memberRow(admin, biz.owner.email).locator("td.status").innerText(), /Live/);
  const members = await biz.api.ok("GET", `/api/v1/team/members/?business_id=${biz.id}`);
  assert.equal(members.find((m) => m.email === biz.owner.email).status, "live");
  await second.close();
  await admin.close();
});

test("a workspace created or chosen in one tab leaves the other tab (and the owner's presence) on its own", { timeout: 60_000 }, async () => {
  // A workspace of its own: the first test's owner goes offline a second after its tabs closed, a race here.
  const biz = await business(suite.service, "pro");
  const watcher = await addMember(suite.service, biz, "admin");
  const witness = await addMember(suite.service, biz, "agent");
  await suite.service.api(witness.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });
  const admin = await openSignedIn(suite.browser, suite.service, watcher, biz.id, "/team");
  await seeText(memberRow(admin, biz.owner.email).locator("td.status"), "Live");

  // Tab A works in Acme Support; tab B, opened beside it, creates Second Desk (which every tab of the owner hears
  // of: workspace_joined) and moves there.
  const tabA = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  const tabB = await tabA.context().newPage();
  await tabB.goto("/workspaces/new");
  await tabB.getByLabel("Workspace name").fill("Second Desk");
  await tabB.getByRole("button", { name: "Create workspace" }).click();
  await seeText(tabB.locator("main h1"), "Second Desk");
  await seeText(tabA.locator("#workspace-switcher"), "Second Desk");
  const other = await tabB.locator("#workspace-switcher").inputValue();
  assert.notEqual(other, biz.id);

  // Tab A moves to another page: it stays in Acme Support (the header says so) and keeps its socket there.
  await tabA.getByRole("link", { name: "Conversations" }).click();
  await seeText(tabA.locator("main h1"), "Conversations");
  assert.equal(await tabA.locator("#workspace-switcher").inputValue(), biz.id);
  await connected(tabA);

  // The witness's only tab closes after tab B left: once the witness shows Offline, the owner's grace in Acme
  // Support would have run out too — and the owner is still Live there, held by tab A.
  const witnessTab = await openSignedIn(suite.browser, suite.service, witness, biz.id, "/conversations");
  await seeText(memberRow(admin, witness.email).locator("td.status"), "Live");
  await witnessTab.close();
  await seeText(memberRow(admin, witness.email).locator("td.status"), "Offline", 15_000);
  assert.match(await memberRow(admin, biz.owner.email).locator("td.status").innerText(), /Live/);
  // A new tab starts where the browser was last used (Second Desk), as before.
  const tabC = await tabA.context().newPage();
  await tabC.goto("/team");
  await seeText(tabC.locator("main h1"), "Second Desk");
  for (const p of [tabA, tabB, tabC, admin]) await p.close();
});

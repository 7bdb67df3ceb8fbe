// Settings → Team as a large support team uses it (issue 18): members edited in a dialog that saves only
// on Save and asks before raising a privilege or taking a seat away; long names and addresses that never
// widen the page; sign out without a workspace; expired invites; the loading state; the refusal wording;
// live updates that used to need a reload; and a 1,000-member team searched by the server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { business, addMember, register, registerConfirmed } from "../switchboard/service.mjs";
import { useBrowserSuite, newPage, openSignedIn, connected, seeText, memberRow, scrollsSideways, accessibilityProblems, snap, seedMembers, unique } from "./browser.mjs";


const suite = useBrowserSuite();

/** Every PATCH of a member the page sends, as { url, body }. */
function patches(page) {
  const sent = [];
  page.on("request", (request) => {
    if (request.method() === "PATCH" && /\/team\/members\/|\/app\/members\//.test(request.url())) {
      sent.push({ url: request.url(), body: request.postDataJSON() });
    }
  });
  return sent;
}

test("role and seat change only on Save, in a dialog; a raise to admin and a lite seat ask first (keyboard only)", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const sent = patches(page);
  const row = memberRow(page, agent.email);
  await seeText(row, "Agent");

  await row.getByRole("button", { name: "Edit Alex Agent" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.locator("#member-dialog");
  await dialog.waitFor();
  // Focus starts on the chosen role; arrowing through the choices saves nothing.
  assert.equal(await page.evaluate(() => document.activeElement.value), "agent");
  await page.keyboard.press("ArrowDown");
  assert.equal(await dialog.getByLabel("Admin").isChecked(), true);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.value), "full");
  await page.keyboard.press("ArrowDown");
  assert.equal(await dialog.getByLabel("Lite seat").isChecked(), true);
  // What each choice means is read with it.
  await seeText(dialog, "Reads only: gets no conversations and doesn't count against the plan.");
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(sent, []);

  // Save asks first; Escape backs out without sending anything.
  await dialog.getByRole("button", { name: "Save" }).focus();
  await page.keyboard.press("Enter");
  const confirm = page.locator("dialog.confirm:not(#member-dialog)");
  await seeText(confirm, "Make Alex Agent an admin?");
  await seeText(confirm, "their open conversations go back to the queue");
  await page.keyboard.press("Escape");
  await confirm.waitFor({ state: "detached" });
  assert.deepEqual(sent, []);
  assert.equal(await dialog.isVisible(), true);

  // Confirmed: one PATCH with both changes, a toast, and focus back on the row's Edit button.
  await page.keyboard.press("Enter");
  await confirm.getByRole("button", { name: "Yes, save" }).focus();
  await page.keyboard.press("Enter");
  await seeText(page.locator("#toasts"), "Saved: Alex Agent is now an admin with a lite seat.");
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].body, { role: "admin", seat: "lite" });
  await seeText(row.locator("td.role"), "Admin");
  await seeText(row.locator("td.seat"), "Lite");
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("edit-"));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Edit Alex Agent");

  // Lowering a role is not a raise: it saves without a question.
  await row.getByRole("button", { name: "Edit Alex Agent" }).click();
  await dialog.getByLabel("Agent").check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await seeText(row.locator("td.role"), "Agent");
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1].body, { role: "agent" });
  assert.deepEqual(page.errors, []);
});

const LONG_NAME = "Bartholomew".repeat(23).slice(0, 255);
const LONG_EMAIL = `${"l".repeat(64)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(40)}.com`;
const LONG_WORKSPACE = "Northwind International Customer Support Operations ".repeat(5).trim().slice(0, 255);

test("long names, addresses and workspace names never widen the page at 360, 1280 or 1920 px", { timeout: 60_000 }, async () => {
  const owner = await register(suite.service, LONG_NAME.slice(0, 200));
  const created = await suite.service.api(owner.token).ok("POST", "/api/v1/auth/business/create", { name: LONG_WORKSPACE });
  await suite.service.api(owner.token, created.id).ok("PUT", "/api/v1/billing/plan", { plan: "pro" });
  const unbroken = "x".repeat(255);
  seedMembers(suite.service, created.id, [
    { name: LONG_NAME, email: LONG_EMAIL, seat: "Full", status: "Live" },
    { name: unbroken, email: `${"y".repeat(60)}@example.com` },
    ...Array.from({ length: 28 }, (_, i) => ({ name: `Teammate ${i + 1}`, email: `teammate${i + 1}-${created.id.slice(0, 8)}@example.com` })),
  ]);

  for (const [width, height] of [[360, 740], [1280, 800], [1920, 1080]]) {
    const page = await openSignedIn(suite.browser, suite.service, owner, created.id, "/team", { viewport: { width, height } });
    const row = memberRow(page, LONG_EMAIL);
    await row.waitFor();
    assert.equal(await scrollsSideways(page), false, `the team page scrolls sideways at ${width} px`);
    // The whole value is one hover (title) away, and the address keeps to one line.
    const email = row.locator("td.email .truncate");
    assert.equal(await email.getAttribute("title"), LONG_EMAIL);
    assert.equal(await row.locator("td.name .truncate").getAttribute("title"), LONG_NAME);
    const box = await email.evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight), ws: getComputedStyle(el).whiteSpace }));
    assert.equal(box.ws, "nowrap");
    assert.ok(box.height < box.line * 1.5, `the address wraps at ${width} px (${box.height} px tall)`);
    // The page title and the header's workspace name stay inside the screen.
    for (const selector of ["h1", ".workspace-name"]) {
      const right = await page.locator(selector).evaluate((el) => el.getBoundingClientRect().right);
      assert.ok(right <= width, `${selector} overflows at ${width} px`);
    }
    // No cell pokes out of the members card: the table scrolls inside its own box if it must.
    const overflow = await page.locator("#members").evaluate((card) => {
      const edge = card.getBoundingClientRect().right;
      const scroller = card.querySelector(".table-scroll");
      return { sticksOut: scroller.getBoundingClientRect().right > edge + 1, ownScroll: getComputedStyle(scroller).overflowX };
    });
    assert.equal(overflow.sticksOut, false);
    assert.equal(overflow.ownScroll, "auto");
    if (width >= 1280) {
      // The members table uses the full width of the page, not a third of it.
      const [card, main] = await Promise.all([page.locator("#members").boundingBox(), page.locator("main").boundingBox()]);
      assert.ok(card.width > main.width * 0.9, `members card is ${card.width} of ${main.width} px`);
    }
    await snap(page, `team-long-names-${width}`);
    assert.deepEqual(await accessibilityProblems(page), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test("an error line stays inside its card, and the routing table fits at 1280 px", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  seedMembers(suite.service, biz.id, [{ name: LONG_NAME, email: `2${LONG_EMAIL}`.slice(0, 64) + LONG_EMAIL.slice(64), seat: "Full", status: "Live" }]);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team", { viewport: { width: 1280, height: 800 } });
  // A long refusal beside Remove (the route answers as a server that refused would; a code other than the plain
  // "forbidden" names a rule, so the dashboard shows the server's words after its own sentence).
  await page.route("**/api/v1/team/members/*", (route) => route.request().method() === "DELETE"
    ? route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ detail: "Members who handle open conversations in more than one queue cannot be removed until those conversations are reassigned", code: "open_conversations" }) })
    : route.continue());
  const row = memberRow(page, agent.email);
  await row.getByRole("button", { name: "Remove Alex Agent" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  // Remove's own error line (Suspend, beside it, has one too).
  const line = row.locator('td.actions [role=alert][id^="remove-"]');
  await seeText(line, "cannot be removed");
  // The table is redrawn after the refusal (the list is read again): measure the line once it is laid out again.
  let lineBox = null;
  for (let i = 0; i < 100 && !lineBox; i++) lineBox = (await line.textContent().catch(() => "")).includes("cannot be removed") ? await line.boundingBox() : null;
  const card = await page.locator("#members").boundingBox();
  assert.ok(lineBox, "the error line is laid out");
  assert.ok(lineBox.x + lineBox.width <= card.x + card.width + 1, "the error line sticks out of the card");
  assert.equal(await scrollsSideways(page), false);

  await page.goto("/conversations");
  await page.locator("#routing table").waitFor();
  const routing = await page.locator("#routing").evaluate((card) => ({ scroll: card.scrollWidth, client: card.clientWidth }));
  assert.ok(routing.scroll <= routing.client + 1, `the routing card overflows (${routing.scroll} > ${routing.client})`);
  assert.equal(await scrollsSideways(page), false);
  await snap(page, "conversations-long-names-1280");
  assert.deepEqual(page.errors, []);
});

test("the header's display rule never beats [hidden]; sign out works without a workspace", { timeout: 30_000 }, async () => {
  const visitor = await newPage(suite.browser, suite.service);
  await visitor.goto("/login");
  await visitor.getByRole("button", { name: "Sign in", exact: true }).waitFor();
  assert.equal(await visitor.locator("#app-header").evaluate((el) => getComputedStyle(el).display), "none");

  // Signed in, no workspace yet (or removed from the last one): Sign out is still there.
  const loner = await register(suite.service, "Lonely Lou");
  const page = await openSignedIn(suite.browser, suite.service, loner, null, "/workspaces/new", { live: false });
  await page.getByLabel("Workspace name").waitFor();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  assert.equal(await page.evaluate(() => localStorage.getItem("switchboard.token")), null);
  assert.deepEqual(page.errors, []);
});

test("My status says it is loading until the real status arrives, never Live by default", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  await suite.service.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "away" });
  const page = await newPage(suite.browser, suite.service);
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/\/app\/members\?q=/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/favicon.svg");
  await page.evaluate(([token, id]) => {
    localStorage.setItem("switchboard.token", token);
    localStorage.setItem("switchboard.workspace", id);
  }, [agent.token, biz.id]);
  await page.goto("/team");
  const status = page.getByLabel("My status");
  await status.waitFor();
  assert.equal(await page.locator(".status-switcher").getAttribute("data-status"), "loading");
  assert.equal(await status.evaluate((s) => s.selectedOptions[0].textContent), "Loading…");
  release();
  await page.waitForFunction(() => document.querySelector(".status-switcher")?.dataset.status === "away");
  assert.equal(await status.inputValue(), "away");
  assert.deepEqual(page.errors, []);
});

test("invites show role, inviter and expiry; expired ones stay, marked, and can be sent again (renewed)", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const soon = unique("soon");
  const old = unique("old");
  await biz.api.ok("POST", "/app/invites", { email: soon, seat: "full" });
  await biz.api.ok("POST", "/app/invites", { email: old, seat: "lite" });
  // One invite's week ran out three days ago (written straight into the service's SQLite file).
  execFileSync("sqlite3", ["-cmd", ".timeout 30000", suite.service.db,
    `UPDATE invites SET expires_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '-3 days') WHERE email = '${old.toLowerCase()}'`]);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  await page.goto("/team");
  const pending = page.locator("#pending-invites");
  const expired = pending.locator("li", { hasText: old });
  await seeText(expired, "Expired");
  await seeText(expired, "by Olivia Owner");
  const again = expired.getByRole("button", { name: `Resend invite to ${old}` });
  await seeText(again, "Send again");
  const live = pending.locator("li", { hasText: soon });
  await seeText(live, "Agent · Full seat · sent");
  await seeText(live, "expires in 6 days");
  await seeText(pending.locator("h2"), "(2, 1 expired)");
  // An expired invite holds no seat.
  await seeText(page.locator("#plan-usage").locator(".."), "Includes 1 pending full-seat invite");
  // Sending it again renews it: no longer expired.
  await again.click();
  await seeText(pending.locator("h2"), "(2)");
  await seeText(pending.locator("li", { hasText: old }), "expires in 6 days");
  assert.deepEqual(page.errors, []);
});

test("refusals say when to retry, and a used link says it was used", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  await page.route(/\/app\/invites$/, (route) => route.request().method() === "POST"
    ? route.fulfill({ status: 429, headers: { "retry-after": "120" }, contentType: "application/json", body: JSON.stringify({ message: "Too many invitations at once." }) })
    : route.continue());
  const invite = page.locator("#invite");
  await invite.getByLabel("Email address").fill(unique("slow"));
  await invite.getByRole("button", { name: "Send invite" }).click();
  await seeText(invite.getByRole("alert").last(), "Too many invitations at once. Try again in 2 minutes.");

  const visitor = await newPage(suite.browser, suite.service);
  // The service's own words for every dead link; only the code says it was used.
  await visitor.route(/\/app\/invites\/[^/]+$/, (route) => route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ message: "Invite not found.", code: "invite_used" }) }));
  await visitor.goto("/invite/5b0b3f0e-6f4e-4a57-9d0e-1f6f7f9b2a10");
  await seeText(visitor.locator("#invite-gone"), "It has already been used to join.");
  assert.deepEqual(page.errors, []);
});

test("live: invites sent elsewhere, new conversations, joins and being added to another workspace appear without reload", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  // An invite sent from another tab (here, the API) shows up in the open page.
  const elsewhere = unique("elsewhere");
  await biz.api.ok("POST", "/app/invites", { email: elsewhere, seat: "full" });
  await seeText(owner.locator("#pending-invites"), elsewhere, 5_000);

  // Someone joins: the owner gets a toast naming them.
  const agent = await addMember(suite.service, biz);
  await seeText(owner.locator("#toasts"), "Alex Agent joined Acme Support as an agent.", 5_000);
  await seeText(memberRow(owner, agent.email), "Alex Agent");

  // A new conversation appears on the conversations page.
  const conversations = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/conversations");
  await conversations.locator("#conversation-list").waitFor();
  await suite.service.api(biz.owner.token).ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "cust-live-7", initial_message: "Hello there" });
  await seeText(conversations.locator("#conversation-list"), "cust-live-7", 5_000);

  // Another owner adds the agent to their workspace: the agent's page offers it at once.
  const other = await business(suite.service, "pro");
  await other.api.ok("POST", `/api/v1/team/invite?email=${encodeURIComponent(agent.email)}&role=agent`);
  await seeText(conversations.locator("#toasts"), "You were added to Acme Support as an agent.", 5_000);
  await conversations.locator("#workspace-switcher").waitFor();
  assert.equal(await conversations.locator("#workspace-switcher option").count(), 2);
  assert.deepEqual(owner.errors, []);
  assert.deepEqual(conversations.errors, []);
});

test("1,000 members: the first page shows 50 of 1,001, searches find the one person, paging moves on, the page size is remembered", { timeout: 90_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const tag = biz.id.slice(0, 8);
  seedMembers(suite.service, biz.id, Array.from({ length: 1000 }, (_, i) => ({
    name: `Member ${String(i).padStart(4, "0")} ${["Lopez", "Nguyen", "Smith", "Okafor"][i % 4]}`,
    email: `member${i}-${tag}@example.com`,
    status: ["Live", "Away", "Offline"][i % 3],
    seat: i % 10 === 0 ? "Full" : "Lite",
  })));
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  await seeText(page.locator("#members-heading"), "(1,001)");
  await seeText(page.locator("#members-summary"), "Showing 1–50 of 1,001 members");
  assert.equal(await page.locator("#members tbody tr[data-member-id]").count(), 50);
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  assert.ok(nodes < 2_500, `${nodes} DOM nodes on the team page`);

  // [what is typed, the one address expected (null: all 250 Okafors)]
  for (const [query, expected] of [[`member777-${tag}`, "member777-"], ["Okafor", null], [`member12-${tag}`, "member12-"]]) {
    const search = page.getByLabel("Search members");
    await search.fill(query);
    if (expected) {
      await seeText(page.locator("#members tbody tr[data-member-id]").first(), expected);
      assert.equal(await page.locator("#members tbody tr[data-member-id]").count(), 1);
    } else {
      await seeText(page.locator("#members-summary"), "of 250 matching members");
    }
    // The heading keeps the team's size: it is not the count of what the search found.
    await seeText(page.locator("#members-heading"), "(1,001)");
    await search.fill("");
    await seeText(page.locator("#members-summary"), "of 1,001 members");
  }
  // The pager is above the list too; Next moves on by one page.
  await page.locator("#members-next-top").click();
  await seeText(page.locator("#members-summary"), "Showing 51–100 of 1,001 members");
  await page.locator("#members-next").click();
  await seeText(page.locator("#members-summary-top"), "Showing 101–150 of 1,001 members");
  await snap(page, "team-1000-members");

  // A page size chosen here is this browser's from now on.
  await page.getByLabel("Members per page").selectOption("100");
  await seeText(page.locator("#members-summary"), "Showing 1–100 of 1,001 members");
  assert.equal(await page.locator("#members tbody tr[data-member-id]").count(), 100);
  await page.reload();
  await seeText(page.locator("#members-summary"), "Showing 1–100 of 1,001 members");
  assert.equal(await page.getByLabel("Members per page").inputValue(), "100");
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);
});

test("team settings (invite right, auto-offline, routing) and a member's capacity are set on the team page", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const settings = page.locator("#team-settings");
  const autoOffline = settings.getByLabel("Set offline automatically");
  await autoOffline.waitFor();
  const before = (await biz.api.ok("GET", "/api/v1/team/settings")).auto_offline;
  assert.equal(await autoOffline.isChecked(), before);
  await autoOffline.click();
  await seeText(page.locator("#toasts"), `Set offline automatically: ${before ? "off" : "on"}.`);
  assert.equal((await biz.api.ok("GET", "/api/v1/team/settings")).auto_offline, !before);

  await settings.getByLabel("Automatic", { exact: true }).check();
  await settings.getByLabel("Default capacity").fill("3");
  await settings.getByLabel("Reassign after (minutes)").fill("15");
  await settings.getByRole("button", { name: "Save routing" }).click();
  await seeText(page.locator("#toasts"), "Routing saved.");
  const routing = await biz.api.ok("GET", "/api/v1/team/routing");
  assert.deepEqual([routing.mode, routing.default_capacity, routing.reassign_after_minutes], ["auto", 3, 15]);
  // A bad value is the field's own message, not a save.
  await settings.getByLabel("Default capacity").fill("0");
  await settings.getByRole("button", { name: "Save routing" }).click();
  await seeText(settings.locator("[data-field=default_capacity] [role=alert]"), /1/);
  assert.equal((await biz.api.ok("GET", "/api/v1/team/routing")).default_capacity, 3);

  // A member's own capacity, in the member dialog.
  await memberRow(page, agent.email).getByRole("button", { name: "Edit Alex Agent" }).click();
  const dialog = page.locator("#member-dialog");
  await seeText(dialog, "Empty: the workspace default (3).");
  assert.deepEqual(await accessibilityProblems(page), []);
  await dialog.getByLabel("Capacity").fill("5");
  await dialog.getByRole("button", { name: "Save" }).click();
  await seeText(page.locator("#toasts"), "Saved: Alex Agent is now an agent with a full seat, capacity 5.");
  const agents = (await biz.api.ok("GET", "/api/v1/team/routing")).agents;
  assert.equal(agents.find((a) => a.user_id === agent.id).capacity, 5);

  // Everyone else reads how things are set.
  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id);
  await seeText(agentPage.locator("#team-settings"), "Conversations are routed automatically, up to 3 open at once per agent.");
  assert.equal(await agentPage.locator("#team-settings input").count(), 0);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(agentPage.errors, []);
});

test("a team of 30 at 1280 px: the invite form and the first members are on the first screen (README screenshot)", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const first = ["Sarah", "James", "Priya", "Mateo", "Aisha", "Liam", "Chen", "Olga", "Kwame", "Sofia"];
  const last = ["Chen", "Rivera", "Patel", "Garcia", "Okafor", "Nguyen", "Kowalski"];
  seedMembers(suite.service, biz.id, Array.from({ length: 29 }, (_, i) => {
    const name = `${first[i % first.length]} ${last[(i * 3) % last.length]}`;
    return {
      name,
      email: `${name.toLowerCase().replace(" ", ".")}${i}@acme-support.example.com`,
      role: i % 9 === 0 ? "Admin" : "Agent",
      seat: i < 5 ? "Full" : "Lite",
      status: ["Live", "Away", "Offline", "Live"][i % 4],
    };
  }));
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team", { viewport: { width: 1280, height: 900 } });
  await seeText(page.locator("#members-heading"), "(30)");
  const invite = await page.locator("#invite").boundingBox();
  const firstRow = await page.locator("#members tbody tr").first().boundingBox();
  assert.ok(invite.y < 900 && firstRow.y < 900, `invite at ${invite.y} px, first member at ${firstRow.y} px`);
  assert.equal(await scrollsSideways(page), false);
  await snap(page, "team-30-members-1280");
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);
});

test("bulk invite is offered from GET /api/v1/meta: shown when the service lists it, absent when it does not", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  const asked = [];
  page.on("request", (r) => asked.push(new URL(r.url()).pathname));
  await page.reload();
  await page.locator("#bulk-invite").waitFor();
  assert.ok(asked.includes("/api/v1/meta"), "the page did not ask /api/v1/meta");
  assert.equal(asked.includes("/openapi/v1.json"), false, "the page still reads the OpenAPI document");

  // A service without the feature (an older one): the card is not there, and nothing else breaks.
  const older = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/favicon.svg", { live: false });
  let served = false;
  await older.route("**/api/v1/meta", (route) => {
    served = true;
    return route.fulfill({ json: { version: "0.9.0", api: "v1", features: [] } });
  });
  await older.goto("/team");
  await older.locator("#members tbody tr").first().waitFor();
  await older.locator("#invite").waitFor();
  assert.equal(served, true);
  assert.equal(await older.locator("#bulk-invite").isVisible(), false);
  assert.deepEqual(older.errors, []);
});

test("bulk invite: real per-address results, then every result's wording (by interception)", { timeout: 40_000 }, async () => {
  const biz = await business(suite.service, "mini");
  // The real route: one address invited, one refused as invalid, the owner already a member.
  const real = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  await real.goto("/team");
  const form = real.locator("#bulk-invite");
  await form.waitFor();
  await form.locator("summary").click();
  const fresh = unique("bulk");
  await form.getByLabel("Addresses to invite").fill(`${fresh}\nnot-an-address\n${biz.owner.email}`);
  await form.getByRole("button", { name: "Send invites" }).click();
  await seeText(real.locator("#bulk-results li", { hasText: fresh }), "Invitation sent");
  await seeText(real.locator("#bulk-results li", { hasText: "not-an-address" }), "Not a valid address");
  await seeText(real.locator("#bulk-results li", { hasText: biz.owner.email }), "Already a member");
  await seeText(real.locator("#pending-invites"), fresh);
  assert.deepEqual(real.errors, []);

  // A service that has it (the documented shape, answered here by interception).
  const page = await newPage(suite.browser, suite.service);
  const sent = [];
  await page.route(/\/app\/invites\/bulk$/, async (route) => {
    const body = route.request().postDataJSON();
    sent.push(body);
    const result = (email) => (!email.includes("@") ? "invalid" : email.startsWith("full") ? "plan_limit" : email.startsWith("known") ? "added" : email.startsWith("olivia") ? "already_member" : "invited");
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ data: body.emails.map((email) => ({ email, result: result(email) })) }) });
  });
  await page.goto("/favicon.svg");
  await page.evaluate(([token, id]) => {
    localStorage.setItem("switchboard.token", token);
    localStorage.setItem("switchboard.workspace", id);
  }, [biz.owner.token, biz.id]);
  await page.goto("/team");
  const bulk = page.locator("#bulk-invite");
  await bulk.waitFor();
  await bulk.locator("summary").click();
  await bulk.getByLabel("Addresses to invite").fill(Array.from({ length: 101 }, (_, i) => `p${i}@example.com`).join("\n"));
  await bulk.getByRole("button", { name: "Send invites" }).click();
  await seeText(bulk.getByRole("alert"), "That is 101 addresses; send at most 100 at a time.");
  assert.equal(sent.length, 0);

  await bulk.getByLabel("Addresses to invite").fill("new1@example.com, known@example.com\nNEW1@example.com; not-an-address full@example.com olivia@example.com");
  await bulk.getByLabel("Seat").selectOption("lite");
  await bulk.getByRole("button", { name: "Send invites" }).click();
  await seeText(page.locator("#bulk-summary"), "Invitation sent: 1 · Added (already had an account): 1 · Not a valid address: 1 · Refused: the plan has no room: 1 · Already a member: 1 · Repeated address sent once: 1");
  assert.deepEqual(sent, [{ emails: ["new1@example.com", "known@example.com", "not-an-address", "full@example.com", "olivia@example.com"], role: "agent", seat: "lite" }]);
  await seeText(page.locator("#bulk-results li", { hasText: "not-an-address" }), "Not a valid address");
  // What was refused stays in the box to fix or retry.
  assert.equal(await bulk.getByLabel("Addresses to invite").inputValue(), "not-an-address\nfull@example.com");
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);
});

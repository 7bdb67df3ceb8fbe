// Settings → Team and the supervisor view at 1,000 people (issue 29): what a user sees and what the page sends,
// counted — the pending-invites card behind 600 invites of history, a wave of 60 joins (requests and toasts),
// the first tap on a phone, and the supervisor's floor under 100 status changes. Page timings are not asserted
// here: bench/dashboard prints them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, register } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, memberRow, seedMembers, seedInvites, confirmInDatabase, inParallel, accessibilityProblems, snap } from "./browser.mjs";

/** One workspace of 1,001 (the owner and 1,000 seeded members), shared by the tests below. */
let biz;
let tag;

// A wave of joins through one invite link comes from one address: its per-minute limit is lifted here.
const suite = useBrowserSuite({ Invites__LinkPerMinute: "100000" }, {
  async setUp() {
    biz = await business(suite.service, "pro");
    tag = biz.id.slice(0, 8);
    seedMembers(suite.service, biz.id, Array.from({ length: 1000 }, (_, i) => ({
      name: `Member ${String(i).padStart(4, "0")} ${["Lopez", "Nguyen", "Smith", "Okafor"][i % 4]}`,
      email: `member${i}-${tag}@example.com`,
      status: ["Live", "Away", "Offline"][i % 3],
      seat: "Lite",
    })));
  },
});

/** GET requests the page sends whose path starts with `prefix`, counted from now. */
function reads(page, prefix) {
  const seen = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (request.method() === "GET" && url.pathname === prefix) seen.push(url.search);
  });
  return seen;
}

/** `n` accounts with confirmed addresses, signed in through the API: people about to join. */
async function people(n, name) {
  const users = await inParallel(Array.from({ length: n }, (_, i) => i), 8, (i) => register(suite.service, `${name} ${i + 1}`));
  confirmInDatabase(suite.service, users);
  return users;
}

/** An invite link for `uses` people on lite seats; returns its secret. */
async function inviteLink(uses) {
  const link = await biz.api.ok("POST", "/app/invite-links", { seat: "lite", max_uses: uses, expires_in_days: 1 });
  return (link.data ?? link).token;
}

test("pending invites: with 600 in the history the card asks the server for the open ones, newest first, a page at a time", { timeout: 60_000 }, async () => {
  const me = await suite.service.api(biz.owner.token).ok("GET", "/api/v1/auth/me");
  seedInvites(suite.service, biz.id, me.id, [
    ...Array.from({ length: 540 }, (_, i) => ({ email: `history${i}-${tag}@example.com`, status: i % 2 ? "Revoked" : "Accepted", daysAgo: 60 })),
    ...Array.from({ length: 60 }, (_, i) => ({ email: `waiting${i}-${tag}@example.com`, status: "Pending", daysAgo: 2 })),
  ]);
  const fresh = `fresh-${tag}@example.com`;
  await biz.api.ok("POST", "/app/invites", { email: fresh, seat: "lite" });

  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team", { live: false });
  const asked = reads(page, "/app/invites");
  const card = page.locator("#pending-invites");
  await seeText(card.locator("h2"), "(61)");
  // The newest invite leads; one page of 25, not every invite of the workspace's history.
  await seeText(card.locator("li").first(), fresh);
  assert.equal(await card.locator("li[data-invite-id]").count(), 25);
  await seeText(page.locator("#invites-summary-top"), "Showing 1–25 of 61 invites");
  await card.locator("#invites-next-top").click();
  await seeText(page.locator("#invites-summary-top"), "Showing 26–50 of 61 invites");
  assert.equal(await card.locator("li", { hasText: "history" }).count(), 0);
  assert.ok(asked.every((query) => /status=open/.test(query) && /page=/.test(query)), `the card asked: ${asked.join(", ")}`);
  await snap(page, "team-600-invites");
  assert.deepEqual(page.errors, []);
});

test("a wave of 60 joins: one toast that counts them, and at most one read of the members list a second", { timeout: 120_000 }, async () => {
  const joiners = await people(60, "Wave");
  const token = await inviteLink(60);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  await seeText(page.locator("#members-heading"), "(1,001)");
  const members = reads(page, "/app/members");
  const started = Date.now();
  await inParallel(joiners, 6, (user) => suite.service.api(user.token).ok("POST", "/app/invite-links/join", { token }));
  await seeText(page.locator("#members-heading"), "(1,061)", 15_000);
  await seeText(page.locator("#toasts"), "60 people joined Acme Support", 5_000);
  // Let any read the last events asked for arrive before counting.
  await new Promise((r) => setTimeout(r, 1_500));
  const seconds = Math.ceil((Date.now() - started) / 1000);
  assert.ok(members.length <= seconds + 1, `${members.length} reads of the members list in ${seconds} s`);
  assert.equal(await page.locator("#toasts .toast").count(), 1, await page.locator("#toasts").innerText());
  console.log(`# join wave: 60 joins, ${members.length} members reads in ${seconds} s, 1 toast`);
  assert.deepEqual(page.errors, []);
});

test("on a 360 px phone a row does not reflow when its Edit is pressed, so the first tap opens the dialog", { timeout: 40_000 }, async () => {
  const long = `Maximiliana Bartholomew-Featherstonehaugh ${tag}`;
  const email = `maximiliana.bartholomew.featherstonehaugh-${tag}@a-rather-long-support-domain.example.com`;
  seedMembers(suite.service, biz.id, [{ name: long, email, seat: "Full", status: "Live" }]);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team", { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.getByLabel("Search members").fill("Maximiliana");
  const row = memberRow(page, email);
  const edit = row.getByRole("button", { name: `Edit ${long}` });
  await edit.waitFor();
  await edit.scrollIntoViewIfNeeded();
  // Pressed (focus arrives with the press), the row keeps its shape: the finger is still over Edit on release.
  const before = await row.boundingBox();
  const at = await edit.boundingBox();
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  const pressed = await row.boundingBox();
  await page.mouse.up();
  assert.deepEqual(pressed, before);
  await page.keyboard.press("Escape");
  await page.locator("#member-dialog").waitFor({ state: "detached" }).catch(() => {});
  // A real tap.
  const box = await edit.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator("#member-dialog").waitFor();
  assert.deepEqual(page.errors, []);
});

test("supervisor at 1,000: one page of rows, search and status filter, and 100 status changes applied without a read", { timeout: 120_000 }, async () => {
  const hundred = await people(100, "Floor");
  const token = await inviteLink(100);
  await inParallel(hundred, 6, (user) => suite.service.api(user.token).ok("POST", "/app/invite-links/join", { token }));

  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/supervisor");
  const rows = page.locator("#agents tbody tr[data-member-id]");
  await seeText(page.locator("#agents-summary-top"), "Showing 1–50 of");
  assert.equal(await rows.count(), 50);
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  assert.ok(nodes < 2_500, `${nodes} DOM nodes on the supervisor page`);
  const counts = page.locator("#supervisor-counts");
  const liveBefore = Number(/Live: (\d+)/.exec(await counts.innerText())[1]);

  // Search finds one person; the status filter keeps its own count.
  await page.getByLabel("Search members").fill(`member777-${tag}`);
  await seeText(rows.first(), "Member 0777");
  assert.equal(await rows.count(), 1);
  await page.getByLabel("Search members").fill("");
  await page.locator("#agent-status-filter").selectOption("live");
  await seeText(page.locator("#agents-summary-top"), `of ${liveBefore.toLocaleString("en-US")} matching members`);
  await page.locator("#agent-status-filter").selectOption("");

  // 100 people go live: the counts and their rows follow the socket, and the page reads nothing again.
  const supervisorReads = reads(page, "/api/v1/team/supervisor");
  await inParallel(hundred, 6, (user) => suite.service.api(user.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" }));
  await seeText(counts, `Live: ${liveBefore + 100}`, 10_000);
  await page.getByLabel("Search members").fill("Floor 42");
  await seeText(rows.first(), "Live");
  assert.equal(supervisorReads.length, 0, `the page read the floor ${supervisorReads.length} times`);
  assert.ok(await page.evaluate(() => document.querySelectorAll("#agents tbody tr").length) <= 50);
  await page.getByLabel("Search members").fill("");
  await snap(page, "supervisor-1000");
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.errors, []);
});

test("routing panel at 1,000: only full seats are listed, searched and paged, never every member", { timeout: 60_000 }, async () => {
  seedMembers(suite.service, biz.id, Array.from({ length: 30 }, (_, i) => ({
    name: `Routable ${String(i).padStart(2, "0")}`, email: `routable${i}-${tag}@example.com`, seat: "Full", status: "Live",
  })));
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/conversations");
  const routing = page.locator("#routing");
  const rows = routing.locator("tbody tr");
  // The owner, the phone test's member and these 30 full seats: 25 on the first page, none of the 1,160 lite seats.
  await seeText(page.locator("#routing-summary-top"), "Showing 1–25 of 32 agents");
  assert.equal(await rows.count(), 25);
  await routing.getByLabel("Search agents").fill("Member 0001");
  await seeText(page.locator("#routing-empty"), "No agent matches.");
  await routing.getByLabel("Search agents").fill("Routable 07");
  await seeText(rows.first(), "Routable 07");
  assert.equal(await rows.count(), 1);
  await seeText(rows.first().locator("td.load"), "0 of");
  assert.deepEqual(page.errors, []);
});

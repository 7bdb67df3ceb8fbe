// Issue 28: the Teams pages. An admin creates, renames, staffs (through the member search, in a workspace of 60+
// members that the page never loads whole) and deletes a team; business hours with a night span and a holiday are
// drawn in the week view after a reload, a bad zone is refused under its field, removing hours asks first; skills
// edited in the member dialog are what the API reads, and the dialog suggests the workspace's skills; an agent has no
// Teams page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, seedMembers, accessibilityViolations, scrollsSideways, snap } from "./browser.mjs";


const suite = useBrowserSuite();

/** Every members-list request the page makes; a list read without paging would load the whole workspace. */
function watchMemberReads(page) {
  const reads = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^\/(app|api\/v1\/team)\/members$/.test(url.pathname)) reads.push(url);
  });
  return reads;
}

test("an admin creates, renames, staffs through search among 62 members and deletes a team; deleting asks first", { timeout: 90_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const admin = await addMember(suite.service, biz, "admin");
  const tag = biz.id.slice(0, 8);
  seedMembers(suite.service, biz.id, Array.from({ length: 60 }, (_, i) => ({ name: `Member ${i}`, email: `m${i}-${tag}@example.com` })));
  const find = async (q) => (await biz.api.ok("GET", `/app/members?q=${encodeURIComponent(q)}&page_size=10`)).data[0];
  const [m17, m42] = [await find("Member 17"), await find("Member 42")];

  const page = await openSignedIn(suite.browser, suite.service, admin, biz.id, "/team");
  const reads = watchMemberReads(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
  await seeText(page.locator("#teams-table"), "Everyone");

  await page.getByLabel("Team name").fill("Billing");
  await page.getByRole("button", { name: "Create team" }).click();
  await seeText(page.locator("#toasts"), "Team Billing created.");
  await seeText(page.locator("#teams-table tr", { hasText: "Billing" }), "0 members");
  // A name taken whatever its case: the server's 422 under the field.
  await page.getByLabel("Team name").fill("BILLING");
  await page.getByRole("button", { name: "Create team" }).click();
  await seeText(page.locator("#create-team [data-field=name] [role=alert]"), /already|exists|taken/i);
  const team = (await biz.api.ok("GET", "/api/v1/team/teams")).find((t) => t.name === "Billing");

  await page.locator("#teams-table").getByRole("link", { name: "Billing" }).click();
  await seeText(page.locator("h1"), "Billing");
  await page.locator("#team-name").getByLabel("Team name").fill("Payments");
  await page.getByRole("button", { name: "Rename" }).click();
  await seeText(page.locator("#toasts"), "Team Billing is now called Payments.");
  await seeText(page.locator("h1"), "Payments");
  assert.equal((await biz.api.ok("GET", `/api/v1/team/teams/${team.id}`)).name, "Payments");

  const search = page.getByLabel("Find members to add");
  for (const member of [m17, m42]) {
    await search.fill(member.name);
    await seeText(page.locator("#team-member-search-hint"), "1 match.");
    await page.getByRole("button", { name: `Add ${member.name} to Payments` }).click();
    await seeText(page.locator("#toasts"), `${member.name} was added to Payments.`);
    await seeText(page.locator("#team-members-table"), member.email);
  }
  await seeText(page.locator("#team-member-count"), "2 members");
  await seeText(page.locator("#team-member-results"), "In Payments");
  assert.deepEqual((await biz.api.ok("GET", `/api/v1/team/teams/${team.id}`)).member_ids.sort(), [m17.id, m42.id].sort());
  // A broad search shows ten and says how many more match.
  await search.fill("Member");
  await seeText(page.locator("#team-member-search-hint"), "10 of 60 matches shown");
  assert.equal(await page.locator("#team-member-results li").count(), 10);

  await page.getByRole("button", { name: "Remove Member 17 from Payments" }).click();
  await seeText(page.locator("#toasts"), "Member 17 was taken out of Payments.");
  await seeText(page.locator("#team-member-count"), "1 member");
  assert.deepEqual((await biz.api.ok("GET", `/api/v1/team/teams/${team.id}`)).member_ids, [m42.id]);

  // Every members read was one page: never the whole workspace.
  assert.ok(reads.length > 0);
  for (const url of reads) assert.ok(Number(url.searchParams.get("page_size")) <= 100, `unpaged read ${url}`);

  await page.getByRole("button", { name: "Delete team" }).click();
  const dialog = page.locator("dialog.confirm");
  await seeText(dialog, "Delete Payments?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await biz.api.ok("GET", `/api/v1/team/teams/${team.id}`);
  await page.getByRole("button", { name: "Delete team" }).click();
  await dialog.getByRole("button", { name: "Delete team" }).click();
  await seeText(page.locator("#toasts"), "Team Payments was deleted.");
  await seeText(page.locator("h1"), "Teams");
  assert.equal((await biz.api.call("GET", `/api/v1/team/teams/${team.id}`)).status, 404);

  // The default team refuses with a 409, shown in words beside the button.
  await page.locator("#teams-table").getByRole("link", { name: "Everyone" }).click();
  await page.getByRole("button", { name: "Delete team" }).click();
  await dialog.getByRole("button", { name: "Delete team" }).click();
  await seeText(page.locator("#delete-team-error"), "The default team cannot be deleted.");
  assert.deepEqual(page.errors, []);
});

test("hours with a night span and a holiday show in the week view after a reload; a bad zone is refused under its field; removing asks", { timeout: 90_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const team = await biz.api.ok("POST", "/api/v1/team/teams", { name: "Night desk" });
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, `/teams/${team.id}`);
  const hours = page.locator("#team-hours");
  // Without hours the team is always open, and the form offers weekdays 09:00–17:00 to start from.
  await seeText(page.locator("#team-open-status"), "Open now");
  await seeText(page.locator("#week-zone"), "always open");
  assert.equal(await hours.locator(".hours-day[data-day=mon] .span-row").count(), 1);

  await hours.getByLabel("Time zone").fill("Europe/Berlin");
  await hours.getByRole("button", { name: "Add a span on Sunday" }).click();
  const sunday = hours.locator(".hours-day[data-day=sun] .span-row").last();
  await sunday.getByLabel("From").fill("22:00");
  await sunday.getByLabel("To").fill("06:00");
  await seeText(sunday, "Past midnight: 22:00 to 06:00 the next day");
  await hours.getByLabel("Holiday date").fill("2026-12-25");
  await hours.getByRole("button", { name: "Add holiday" }).click();
  await seeText(page.locator("#holiday-list"), "25");
  await hours.getByRole("button", { name: "Save hours" }).click();
  await seeText(page.locator("#toasts"), "Business hours of Night desk saved.");
  const saved = await biz.api.ok("GET", `/api/v1/team/teams/${team.id}/hours`);
  assert.equal(saved.timezone, "Europe/Berlin");
  assert.deepEqual(saved.weekly.find((s) => s.day === "sun"), { day: "sun", from: "22:00", to: "06:00" });
  assert.equal(saved.weekly.length, 6);
  assert.deepEqual(saved.holidays, ["2026-12-25"]);

  await page.reload();
  await seeText(page.locator("#week-zone"), "Times in Europe/Berlin.");
  await seeText(page.locator("#week-view tr[data-day=sun] .open-text"), "22:00–24:00");
  await seeText(page.locator("#week-view tr[data-day=mon] .open-text"), "00:00–06:00 (from Sunday), 09:00–17:00");
  await seeText(page.locator("#week-view tr[data-day=sat] .open-text"), "Closed");
  assert.equal(await page.locator("#week-view tr[data-day=mon] .bar").count(), 2);
  await seeText(page.locator("#week-holidays"), "December 25, 2026");
  const open = await biz.api.ok("GET", `/api/v1/team/teams/${team.id}/open`);
  await seeText(page.locator("#team-open-status"), open.open ? "Open now" : "Closed · opens");
  // The form shows what was saved, the night span described as such.
  await seeText(hours.locator(".hours-day[data-day=sun] .span-row"), "Past midnight");
  await snap(page, "team-hours");
  // On a 360 px phone the editor and the week view fit without scrolling sideways.
  const phone = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, `/teams/${team.id}`,
    { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await seeText(phone.locator("#week-view tr[data-day=sun] .open-text"), "22:00–24:00");
  assert.equal(await scrollsSideways(phone), false, "the team page scrolls sideways at 360 px");
  await snap(phone, "team-hours-phone");
  await phone.context().close();

  await hours.getByLabel("Time zone").fill("Mars/Olympus");
  await hours.getByRole("button", { name: "Save hours" }).click();
  await seeText(hours.locator("[data-field=timezone] [role=alert]"), "Unknown time zone 'Mars/Olympus'");
  assert.equal((await biz.api.ok("GET", `/api/v1/team/teams/${team.id}/hours`)).timezone, "Europe/Berlin");

  // Overlapping spans: the server's words under the week.
  await hours.getByLabel("Time zone").fill("Europe/Berlin");
  await hours.getByRole("button", { name: "Add a span on Monday" }).click();
  const extra = hours.locator(".hours-day[data-day=mon] .span-row").last();
  await extra.getByLabel("From").fill("05:00");
  await extra.getByLabel("To").fill("07:00");
  await hours.getByRole("button", { name: "Save hours" }).click();
  await seeText(page.locator("#hours-weekly-error"), "Spans overlap");
  await extra.getByRole("button", { name: /Remove Monday span/ }).click();

  await hours.getByRole("button", { name: "Remove hours" }).click();
  const dialog = page.locator("dialog.confirm");
  await seeText(dialog, "Remove the business hours of Night desk?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.equal((await biz.api.ok("GET", `/api/v1/team/teams/${team.id}/hours`)).timezone, "Europe/Berlin");
  await hours.getByRole("button", { name: "Remove hours" }).click();
  await dialog.getByRole("button", { name: "Remove hours" }).click();
  await seeText(page.locator("#toasts"), "Night desk is always open now.");
  await seeText(page.locator("#team-open-status"), "Open now");
  assert.equal((await biz.api.ok("GET", `/api/v1/team/teams/${team.id}/hours`)).timezone, null);

  // Closed now for certain (one hour, the day after tomorrow): the page says when it opens, as …/open says.
  const later = new Date(Date.now() + 2 * 86_400_000);
  const day = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][later.getUTCDay()];
  await biz.api.ok("PUT", `/api/v1/team/teams/${team.id}/hours`, { timezone: "UTC", weekly: [{ day, from: "10:00", to: "11:00" }] });
  const closed = await biz.api.ok("GET", `/api/v1/team/teams/${team.id}/open`);
  assert.equal(closed.open, false);
  await page.reload();
  const when = await page.evaluate((at) => new Intl.DateTimeFormat(undefined,
    { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(at)), closed.next_open_at);
  await seeText(page.locator("#team-open-status"), `Closed · opens at ${when} (your time)`);
  assert.deepEqual(page.errors, []);
});

test("skills edited in the member dialog are what the API reads and are suggested there; an agent has no Teams page", { timeout: 90_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  await page.getByRole("button", { name: "Edit Alex Agent" }).click();
  const dialog = page.locator("#member-dialog");
  await seeText(dialog, "Routing gives a conversation that needs skills");
  await dialog.getByLabel("Add a skill").fill("Billing ");
  await dialog.getByLabel("Add a skill").press("Enter");
  await dialog.getByLabel("Add a skill").fill("de");
  await dialog.getByRole("button", { name: "Add skill" }).click();
  await seeText(dialog.locator("#member-skills"), "billing");
  assert.deepEqual(await accessibilityViolations(page), []);
  await dialog.getByRole("button", { name: "Save" }).click();
  await seeText(page.locator("#toasts"), "skills: billing, de");
  assert.deepEqual((await biz.api.ok("GET", `/api/v1/team/members/${agent.memberId}/skills`)).skills, ["billing", "de"]);

  await page.getByRole("button", { name: "Edit Alex Agent" }).click();
  await seeText(dialog.locator("#member-skills"), "de");
  // The field suggests the workspace's skills (GET /api/v1/team/skills), each with how many members hold it.
  const suggested = async () => dialog.getByLabel("Add a skill").evaluate((input) =>
    [...(input.list?.options ?? [])].map((o) => `${o.value}|${o.label}`));
  await page.waitForFunction(() => document.querySelector("#member-dialog datalist option") !== null);
  assert.deepEqual(await suggested(), ["billing|billing · 1 member", "de|de · 1 member"]);
  await dialog.getByRole("button", { name: "Remove skill billing" }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await seeText(page.locator("#toasts"), "skills: de.");
  assert.deepEqual((await biz.api.ok("GET", `/api/v1/team/members/${agent.memberId}/skills`)).skills, ["de"]);
  // A skill the server refuses: its words stay in the dialog, nothing saved.
  await page.getByRole("button", { name: "Edit Alex Agent" }).click();
  await seeText(dialog.locator("#member-skills"), "de");
  await dialog.getByLabel("Add a skill").fill("-nope");
  await dialog.getByRole("button", { name: "Save" }).click();
  await seeText(dialog.locator("#member-dialog-error"), /skill/i);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.deepEqual((await biz.api.ok("GET", `/api/v1/team/members/${agent.memberId}/skills`)).skills, ["de"]);

  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team");
  const nav = agentPage.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Conversations" }).waitFor();
  assert.equal(await nav.getByRole("link", { name: "Teams" }).count(), 0);
  await agentPage.goto("/teams");
  await seeText(agentPage.locator("#not-for-role"), "Teams: for owners and admins");
  assert.deepEqual([...page.errors, ...agentPage.errors], []);
});

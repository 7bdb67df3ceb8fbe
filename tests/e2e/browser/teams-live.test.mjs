// Issue 28's leftover: the Teams pages update live. An owner edits in one browser while an admin watches in another:
// a team created shows in the admin's list; on the team's page a rename, a member added and taken out, and hours saved
// show without a reload (hours the admin is editing stay in the form, the week shows the saved ones); a team deleted
// meanwhile says so in words with the way back to the list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, accessibilityViolations } from "./browser.mjs";

const suite = useBrowserSuite();

test("an owner's team changes show on an admin's open Teams pages without a reload; a deleted team says so", { timeout: 120_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const admin = await addMember(suite.service, biz, "admin");
  const agent = await addMember(suite.service, biz);
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/teams");
  const watcher = await openSignedIn(suite.browser, suite.service, admin, biz.id, "/teams");
  await seeText(watcher.locator("#teams-table"), "Everyone");

  // Created in one browser, listed in the other.
  await owner.getByLabel("Team name").fill("Billing");
  await owner.getByRole("button", { name: "Create team" }).click();
  await seeText(owner.locator("#toasts"), "Team Billing created.");
  await seeText(watcher.locator("#teams-table tr", { hasText: "Billing" }), "0 members");
  await seeText(watcher.locator("#teams h2"), "(2)");
  const team = (await biz.api.ok("GET", "/api/v1/team/teams")).find((t) => t.name === "Billing");

  // Both on the team's page; the owner renames it.
  await owner.locator("#teams-table").getByRole("link", { name: "Billing" }).click();
  await watcher.locator("#teams-table").getByRole("link", { name: "Billing" }).click();
  await seeText(watcher.locator("h1"), "Billing");
  assert.equal(new URL(watcher.url()).pathname, `/teams/${team.id}`);
  await owner.locator("#team-name").getByLabel("Team name").fill("Payments");
  await owner.getByRole("button", { name: "Rename" }).click();
  await seeText(watcher.locator("#team-title"), "Payments");
  await seeText(watcher.locator(".breadcrumb"), "Teams → Payments");
  assert.equal(await watcher.locator("#team-name").getByLabel("Team name").inputValue(), "Payments");

  // A member added, then taken out.
  await owner.getByLabel("Find members to add").fill(agent.email);
  await owner.getByRole("button", { name: "Add Alex Agent to Payments" }).click();
  await seeText(watcher.locator("#team-members-table"), agent.email);
  await seeText(watcher.locator("#team-member-count"), "1 member");
  await owner.getByRole("button", { name: "Remove Alex Agent from Payments" }).click();
  await seeText(watcher.locator("#team-members-empty"), "Nobody is in this team yet");
  await seeText(watcher.locator("#team-member-count"), "0 members");

  // Hours saved by the owner: the admin's week shows them, and so does the form the admin has not touched.
  const ownerHours = owner.locator("#team-hours");
  await ownerHours.getByLabel("Time zone").fill("Europe/Berlin");
  await ownerHours.getByRole("button", { name: "Save hours" }).click();
  await seeText(owner.locator("#toasts"), "Business hours of Payments saved.");
  await seeText(watcher.locator("#week-zone"), "Times in Europe/Berlin.");
  assert.equal(await watcher.locator("#team-hours").getByLabel("Time zone").inputValue(), "Europe/Berlin");
  // Hours the admin is editing stay in the form when the owner saves others; the admin is told.
  await watcher.locator("#team-hours").getByLabel("Time zone").fill("America/New_York");
  await ownerHours.getByLabel("Time zone").fill("Asia/Tokyo");
  await ownerHours.getByRole("button", { name: "Save hours" }).click();
  await seeText(watcher.locator("#week-zone"), "Times in Asia/Tokyo.");
  await seeText(watcher.locator("#hours-error"), "changed elsewhere");
  assert.equal(await watcher.locator("#team-hours").getByLabel("Time zone").inputValue(), "America/New_York");

  // Deleted by the owner: the admin's page says so and leads back to the list, where it is gone.
  await owner.getByRole("button", { name: "Delete team" }).click();
  await owner.locator("dialog.confirm").getByRole("button", { name: "Delete team" }).click();
  await seeText(owner.locator("#toasts"), "Team Payments was deleted.");
  await seeText(watcher.locator("#team-missing h1"), "Team deleted");
  await seeText(watcher.locator("#team-missing"), "Payments was deleted by an owner or admin.");
  assert.deepEqual(await accessibilityViolations(watcher), []);
  await watcher.getByRole("link", { name: "Back to the teams" }).click();
  await seeText(watcher.locator("#teams-table"), "Everyone");
  assert.equal(await watcher.locator("#teams-table tr", { hasText: "Payments" }).count(), 0);
  assert.deepEqual([...owner.errors, ...watcher.errors], []);
});

test("a re-read asked for while one runs waits for it: a wave of changes never overlaps two list reads", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "pro");
  const watcher = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/teams");
  await seeText(watcher.locator("#teams-table"), "Everyone");
  // Counted in the page, around its own fetch: how many reads of the list ran at once, at most.
  await watcher.evaluate(() => {
    const real = window.fetch;
    window.teamReads = { now: 0, most: 0 };
    window.fetch = async (path, init) => {
      const list = path === "/api/v1/team/teams" && (init?.method ?? "GET") === "GET";
      if (list) window.teamReads.most = Math.max(window.teamReads.most, ++window.teamReads.now);
      try {
        return await real(path, init);
      } finally {
        if (list) window.teamReads.now--;
      }
    };
  });

  // Ten teams at once from elsewhere: the list ends with all of them, read one at a time.
  await Promise.all(Array.from({ length: 10 }, (_, i) => biz.api.ok("POST", "/api/v1/team/teams", { name: `Wave ${i}` })));
  await seeText(watcher.locator("#teams h2"), "(11)");
  for (let i = 0; i < 10; i++) await seeText(watcher.locator("#teams-table"), `Wave ${i}`);
  assert.equal(await watcher.evaluate(() => window.teamReads.most), 1, "two reads of the list overlapped");
  assert.deepEqual(watcher.errors, []);
});

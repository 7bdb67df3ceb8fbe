// Every refusal from the API appears as a sentence beside the control that caused it:
// 402 → the plan is full and how to upgrade, 403 → what your role can't do, 422 → the field's message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember, register, registerConfirmed } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, newPage, seeText, memberRow, unique } from "./browser.mjs";


const suite = useBrowserSuite();

test("402: asking a full plan for another full seat is refused beside that seat control, with the upgrade", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  await addMember(suite.service, biz);
  await addMember(suite.service, biz);
  const lite = await registerConfirmed(suite.service, "Lee Lite");
  await biz.api.ok("POST", "/app/invites", { email: lite.email, seat: "lite" });
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  await seeText(page.locator("#plan-usage"), "2 of 2 agents on Mini");

  const row = memberRow(page, lite.email);
  await row.getByRole("button", { name: "Edit Lee Lite" }).click();
  const dialog = page.locator("#member-dialog");
  await dialog.getByLabel("Full seat").check();
  await dialog.getByRole("button", { name: "Save" }).click();
  const refusal = dialog.getByRole("alert");
  await seeText(refusal, "The Mini plan allows 2 agents, and all of them are taken. Upgrade to Pro to add more agents");
  // Nothing else on the page claims the error, and nothing changed.
  assert.equal(await page.locator("#invite [role=alert]").first().innerText(), "");
  await seeText(row.locator("td.seat"), "Lite");

  // A plan change asks first: Cancel changes nothing.
  await refusal.getByRole("button", { name: "Upgrade to Pro" }).click();
  const ask = page.locator("dialog.confirm", { hasText: "Upgrade Acme Support to Pro?" });
  await ask.getByRole("button", { name: "Cancel" }).click();
  await ask.waitFor({ state: "detached" });
  await seeText(page.locator("#plan-usage"), "2 of 2 agents on Mini");
  await refusal.getByRole("button", { name: "Upgrade to Pro" }).click();
  await ask.getByRole("button", { name: "Yes, upgrade to Pro" }).click();
  await seeText(page.locator("#toasts"), "Acme Support is now on Pro.");
  await seeText(page.locator("#plan-usage"), "2 of 5 agents on Pro");
  await dialog.getByRole("button", { name: "Save" }).click();
  await seeText(page.locator("#plan-usage"), "3 of 5 agents on Pro");
  await seeText(row.locator("td.seat"), "Full");
  assert.deepEqual(page.errors, []);
});

test("422: a malformed address gets the field's own message under the email field", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const email = page.locator("#invite").getByLabel("Email address");
  await email.fill("not-an-email");
  await page.getByRole("button", { name: "Send invite" }).click();
  const field = page.locator("#invite [data-field=email]");
  await seeText(field.getByRole("alert"), "The email field must be a valid email address.");
  assert.equal(await email.getAttribute("aria-invalid"), "true");
  // The message is read with the field: it is in the input's description.
  const described = await email.getAttribute("aria-describedby");
  assert.ok(described.split(" ").includes(await field.getByRole("alert").getAttribute("id")));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "email");
});

test("422 on PingBack: sign-up reads the field's code (invalid_email) and says it plainly, not in pydantic's words", { timeout: 30_000 }, async () => {
  const page = await newPage(suite.browser, suite.service);
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Nina Typo");
  await page.getByLabel("Email").fill("nina-at-example.com");
  await page.getByLabel("Password").fill("correct-horse");
  await page.getByRole("button", { name: "Create account" }).click();
  await seeText(page.locator("[data-field=email] [role=alert]"), "Enter a valid email address, like name@example.com.");
  assert.equal(await page.getByLabel("Email").getAttribute("aria-invalid"), "true");
});

test("403: an admin whose invite right was just withdrawn is told what an admin can't do, beside the form", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: true });
  const admin = await addMember(suite.service, biz, "admin");
  // This page hears no events, so it still offers the form after the right is withdrawn (the live case is below).
  const page = await openSignedIn(suite.browser, suite.service, admin, biz.id, "/team", { deaf: true });
  await seeText(memberRow(page, admin.email), "Admin");   // the page has read the team and its permissions
  const invite = page.locator("#invite");
  // Admins bring in agents only: no role choice is offered.
  assert.equal(await invite.getByLabel("Role").isVisible(), false);

  // The owner turns the right off; the admin's page has not heard.
  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: false });
  await invite.getByLabel("Email address").fill(unique("late"));
  await invite.getByRole("button", { name: "Send invite" }).click();
  await seeText(invite.getByRole("alert").last(),
    "As an admin, you can't invite members. Only the owner can, unless they let admins invite.");
});

test("403 owner_only: an owner who just handed the workspace over (now an admin) is told only the owner can", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const successor = await addMember(suite.service, biz, "admin");
  // This page hears no events, so it still offers the owner's switches after the hand-over.
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team", { deaf: true });
  const allow = page.locator("#team-settings").getByLabel("Admins can invite");
  await allow.waitFor();
  assert.equal(await allow.isChecked(), false);

  await biz.api.ok("POST", "/api/v1/team/transfer-ownership", { user_id: successor.id, password: "correct-horse" });
  await allow.click();
  // The words name the owner, not the caller's role (the code is owner_only, not the general forbidden).
  await seeText(page.locator("#admins-can-invite-error"), "Only the workspace owner can change team settings.");
  assert.equal(await allow.isChecked(), false);
  assert.equal((await biz.api.ok("GET", "/api/v1/team/settings")).admins_can_invite, false);
});

test("a withdrawn invite right and a plan change reach an open page live", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: true });
  const admin = await addMember(suite.service, biz, "admin");
  const page = await openSignedIn(suite.browser, suite.service, admin, biz.id);
  assert.equal(await page.locator("#invite").isVisible(), true);

  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: false });
  await page.locator("#invite").waitFor({ state: "hidden", timeout: 3_000 });
  await biz.api.ok("PUT", "/api/v1/billing/plan", { plan: "pro" });
  await seeText(page.locator("#plan-usage"), "on Pro", 3_000);
});

test("an agent is offered no control their role can't use", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const pending = unique("pending");
  await biz.api.ok("POST", "/app/invites", { email: pending, seat: "full" });
  const page = await openSignedIn(suite.browser, suite.service, agent, biz.id);
  await seeText(page.locator("#team-settings"), "Only the owner invites and removes members");
  assert.equal(await page.locator("#invite").isVisible(), false);
  // Search and filters are for everyone; no row offers a control.
  assert.equal(await page.locator("#members tbody select, #members tbody button").count(), 0);
  // Pending invites (whose ids are their links) are not shown to those who cannot manage them.
  assert.equal(await page.locator("#pending-invites").isVisible(), false);
  assert.ok(!(await page.content()).includes(pending));
  await seeText(page.locator("#team-settings"), "Only the owner invites and removes members");
  await seeText(page.locator("#plan-full"), "Ask the workspace owner to upgrade to Pro");
});

test("resend and revoke a pending invite; the revoked link then says plainly that it no longer works", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const email = unique("maybe");
  const created = await biz.api.ok("POST", "/app/invites", { email, seat: "full" });
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const pending = page.locator("#pending-invites");
  await pending.getByRole("button", { name: `Resend invite to ${email}` }).click();
  await seeText(pending.getByRole("status"), `Invitation sent again to ${email}.`);
  await pending.getByRole("button", { name: `Revoke invite to ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invite" }).click();
  await seeText(pending.getByRole("status"), `Invite to ${email} revoked: its link no longer works.`);
  await seeText(pending, "No pending invites.");

  const visitor = await newPage(suite.browser, suite.service);
  await visitor.goto(`/invite/${created.data.id}`);
  await seeText(visitor.locator("h1"), "This invitation link no longer works");
  await seeText(visitor.locator("#invite-gone"), "It has expired or was revoked.");
  await visitor.goto("/invite/not-a-real-invite");
  await seeText(visitor.locator("h1"), "This invitation link no longer works");
});

test("the invite page shows the rules as you type, and a signed-in invitee joins with one click", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const email = unique("casey");
  const created = await biz.api.ok("POST", "/app/invites", { email, seat: "full" });

  const visitor = await newPage(suite.browser, suite.service);
  await visitor.goto(`/invite/${created.data.id}`);
  await seeText(visitor.locator("h1"), "Acme Support");
  await visitor.getByLabel("Password", { exact: true }).fill("short");
  await seeText(visitor.locator("[data-field=password] .rules"), "At least 8 characters (not yet)");
  await visitor.getByLabel("Password", { exact: true }).fill("long enough");
  await seeText(visitor.locator("[data-field=password] .rules"), "At least 8 characters (done)");
  await visitor.getByLabel("Confirm password").fill("long enougH");
  await seeText(visitor.locator("[data-field=password_confirmation] .rules"), "Matches the password (not yet)");
  await visitor.getByLabel("Full name").fill("Casey");
  await visitor.getByRole("button", { name: "Create account and join" }).click();
  await seeText(visitor.locator("[data-field=password_confirmation] [role=alert]"), "The confirmation does not match the password.");

  // Casey registers on her own meanwhile: the form now may not set that account's password (account_exists)
  // and offers to sign in and join instead.
  const casey = await suite.service.api().ok("POST", "/api/v1/auth/register", { email, full_name: "Casey Jones", password: "correct-horse" });
  await visitor.getByLabel("Confirm password").fill("long enough");
  await visitor.getByRole("button", { name: "Create account and join" }).click();
  await seeText(visitor.locator("[data-field=email] [role=alert]"), "An account with this email already exists.");
  await seeText(visitor.locator("#sign-in-to-join"), "Sign in to join");
  // Then she follows the link signed in.
  // Signed in, but with no workspace yet: no live updates to wait for.
  const page = await openSignedIn(suite.browser, suite.service, { token: casey.access_token }, null, `/invite/${created.data.id}`, { live: false });
  await seeText(page.locator(".join"), `You're signed in as Casey Jones (${email}).`);
  await page.getByRole("button", { name: "Join Acme Support" }).click();
  await seeText(page.locator("h1"), "Team of Acme Support");
  await seeText(memberRow(page, email), "Casey Jones");
  // The used link says so (the code invite_used; the service's words are those of any dead link).
  await visitor.goto(`/invite/${created.data.id}`);
  await seeText(visitor.locator("#invite-gone"), "It has already been used to join.");
});

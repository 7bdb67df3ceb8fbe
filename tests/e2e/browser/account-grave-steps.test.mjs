// The account's and the workspace's grave steps in a real Chromium, as people take them: the owner hands the
// workspace to an agent (wrong password first), a person moves their account to a new address through the link
// mailed to it, and the owner requires a second factor (refused until they have one themselves; then a member
// without one is marked on the list and refused in words on their own page).
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember, registerConfirmed, waitForMail, mailsTo } from "../switchboard/service.mjs";
import { enrolAuthenticator } from "../switchboard/totp.mjs";
import { useBrowserSuite, openSignedIn, seeText, memberRow, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("the owner transfers ownership to an agent behind the password and the workspace's name typed, and becomes an admin", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  // The page has drawn what it read (the agent's row) and has no read still to come that would redraw the section
  // under the form being filled (seen once on a loaded machine).
  await seeText(memberRow(owner, agent.email), agent.email, 10_000);
  await owner.waitForLoadState("networkidle");

  await owner.locator("#transfer-ownership summary").click();
  const section = owner.locator("#transfer-ownership");
  await section.getByLabel("New owner").selectOption({ label: `Alex Agent (${agent.email})` });
  await section.getByLabel("Your password").fill("not-my-password");
  await section.getByRole("button", { name: "Transfer ownership" }).click();
  // The yes stays disabled until the workspace's exact name is typed (a workspace-level step: typed, not clicked).
  const typedDialog = owner.getByRole("dialog");
  const yes = typedDialog.getByRole("button", { name: "Transfer" });
  assert.equal(await yes.isDisabled(), true);
  await typedDialog.getByLabel("Type Acme Support to confirm").fill("acme support");
  assert.equal(await yes.isDisabled(), true, "a name in the wrong case is not the name");
  await typedDialog.getByLabel("Type Acme Support to confirm").fill("Acme Support");
  await yes.click();
  // A wrong password changes nothing and says so beside the form.
  await seeText(section, /password/i);
  const before = await suite.service.api(biz.owner.token, biz.id).ok("GET", "/api/v1/team/members");
  assert.equal(before.find((m) => m.user_id === biz.owner.id).role, "owner");

  await section.getByLabel("Your password").fill("correct-horse");
  await section.getByRole("button", { name: "Transfer ownership" }).click();
  const dialog = owner.getByRole("dialog");
  await seeText(dialog, "Alex Agent will own Acme Support");
  await dialog.getByLabel("Type Acme Support to confirm").fill("Acme Support");
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await seeText(owner.locator("#toasts"), "Alex Agent now owns the business; you are an admin.", 10_000);

  // The former owner's page reloads as an admin: the owner's section is gone, the rows say who owns it now.
  await seeText(memberRow(owner, agent.email).locator(".role"), "Owner", 10_000);
  await seeText(memberRow(owner, biz.owner.email).locator(".role"), "Admin");
  assert.equal(await owner.locator("#ownership").isVisible(), false);
  const members = await suite.service.api(agent.token, biz.id).ok("GET", "/api/v1/team/members");
  assert.equal(members.find((m) => m.user_id === agent.id).role, "owner");
  assert.equal(members.find((m) => m.user_id === biz.owner.id).role, "admin");
  // Both are told by mail.
  await waitForMail(suite.service, agent.email, /own/i);
  await snap(owner, "team-ownership-transferred");
  assert.deepEqual(owner.errors, []);
});

test("an address change takes effect only through the link mailed to the new address; the old one is told", { timeout: 60_000 }, async () => {
  const user = await registerConfirmed(suite.service, "Casey Changer");
  const newEmail = `casey-new-${Date.now()}@example.com`;
  const page = await openSignedIn(suite.browser, suite.service, user, null, "/account/danger", { live: false });
  const form = page.getByRole("form", { name: "Change email address" });
  await form.getByLabel("New email address").fill(newEmail);
  await form.getByLabel("Your password").fill("wrong-password");
  await form.getByRole("button", { name: "Send a confirmation link" }).click();
  await seeText(form, /password/i);
  assert.equal(mailsTo(suite.service.mailDir, newEmail).length, 0, "nothing is mailed on a wrong password");

  await form.getByLabel("Your password").fill("correct-horse");
  await form.getByRole("button", { name: "Send a confirmation link" }).click();
  await seeText(page.locator("#email-change-sent"), `A confirmation link was sent to ${newEmail}`);
  // Until the link is opened the account still signs in with the old address.
  assert.equal((await suite.service.api(user.token).ok("GET", "/api/v1/auth/me")).email, user.email);

  const [path] = await waitForMail(suite.service, newEmail, /\/confirm-email-change\?token=[A-Za-z0-9_-]+/);
  await waitForMail(suite.service, user.email, /.+/);
  await page.goto(path);
  await seeText(page.locator("#confirm-email-change"), `Done: you now sign in as ${newEmail}.`);
  // The secret left the address bar once read.
  assert.equal(new URL(page.url()).search, "");
  assert.equal((await suite.service.api(user.token).ok("GET", "/api/v1/auth/me")).email, newEmail);
  const login = await suite.service.api().call("POST", "/api/v1/auth/login", { email: newEmail, password: "correct-horse" });
  assert.equal(login.status, 200);
  // A second use of the same link is refused in words.
  await page.goto(path);
  await seeText(page.locator("#confirm-email-change .error"), /invalid|used|expired/i);
  assert.deepEqual(page.errors, []);
});

test("requiring a second factor: refused until the owner has one, then members without one are marked and told", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  const select = owner.getByLabel("Two-factor authentication");

  await select.selectOption("everyone");
  await seeText(owner.locator("#require-two-factor-error"), /second factor/i);
  assert.equal(await select.inputValue(), "off", "a refusal puts the select back");
  assert.equal((await suite.service.api(biz.owner.token, biz.id).ok("GET", "/api/v1/team/settings")).require_two_factor, "off");

  await enrolAuthenticator(suite.service, biz.owner);
  await select.selectOption("everyone");
  await seeText(owner.locator("#toasts"), "Two-factor authentication: required for everyone.");
  await seeText(memberRow(owner, agent.email), "No second factor");
  assert.doesNotMatch(await memberRow(owner, biz.owner.email).innerText(), /No second factor/);
  await snap(owner, "team-two-factor-required");

  // The agent's own page says what to do instead of showing the team.
  const agentPage = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/team", { live: false });
  await seeText(agentPage.locator("main"), "This workspace requires two-factor authentication. Set up a second factor in Account settings", 10_000);
  const refused = await suite.service.api(agent.token, biz.id).call("GET", "/app/members");
  assert.equal(refused.status, 403);

  await select.selectOption("off");
  await seeText(owner.locator("#toasts"), "Two-factor authentication: not required.");
  assert.equal((await suite.service.api(agent.token, biz.id).call("GET", "/app/members")).status, 200);
  assert.deepEqual(owner.errors, []);
});

test("a member renames themself on the Account page; a blank name is refused beside the field", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, agent, biz.id, "/account", { live: false });
  const form = page.getByRole("form", { name: "Change your name" });
  const field = form.getByLabel("Your name");
  assert.equal(await field.inputValue(), "Alex Agent");

  await field.fill("   ");
  await form.getByRole("button", { name: "Save name" }).click();
  await seeText(form, /name/i);
  assert.equal((await suite.service.api(agent.token).ok("GET", "/api/v1/auth/me")).full_name, "Alex Agent");

  await field.fill("Alexandra Agent");
  await form.getByRole("button", { name: "Save name" }).click();
  await seeText(page.locator("#toasts"), "Name saved.");
  await seeText(page.locator("#account-who"), `Alexandra Agent · ${agent.email}`);
  // The owner's next read of the team shows the new name.
  const owner = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team");
  await seeText(memberRow(owner, agent.email), "Alexandra Agent");
  assert.deepEqual([...page.errors, ...owner.errors], []);
});

// The whole path of the issue in a real Chromium: sign up, create a workspace, confirm the address (invitations
// wait for it), hit the Free plan's
// limit and upgrade, invite by email, accept from the mail in a second browser, and both people see
// each other (and each other's status) without reloading.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { useBrowserSuite, newPage, connected, seeText, memberRow, mailFolder, inviteIdFromMail, confirmationPathFromMail, unique, snap } from "./browser.mjs";

const mail = mailFolder();

const suite = useBrowserSuite({ Email__PickupDirectory: mail, Email__PollIntervalMs: "200" });

after(async () => {
  rmSync(mail, { recursive: true, force: true });
});

test("sign up, create a workspace, invite by email, accept in a second browser: both see each other live", { timeout: 60_000 }, async () => {
  const ownerEmail = unique("olivia");
  const agentEmail = unique("james");

  // Olivia signs up and creates her workspace.
  const owner = await newPage(suite.browser, suite.service);
  await owner.goto("/");
  await owner.getByRole("link", { name: "Create an account" }).click();
  await owner.getByLabel("Full name").fill("Olivia Owner");
  await owner.getByLabel("Email").fill(ownerEmail);
  await owner.getByLabel("Password").fill("correct-horse");
  await owner.getByRole("button", { name: "Create account" }).click();
  await owner.getByLabel("Workspace name").fill("Acme Support");
  await owner.getByRole("button", { name: "Create workspace" }).click();
  await seeText(owner.locator("h1"), "Team of Acme Support");
  await connected(owner);
  await seeText(owner.locator("#plan-usage"), "0 of 0 agents on Free");
  await seeText(memberRow(owner, ownerEmail), "Owner");

  // Her address is not confirmed yet, so the invite asks for that first; she opens the link from her mail.
  const invite = owner.locator("#invite");
  await invite.getByLabel("Email address").fill(agentEmail);
  await invite.getByRole("button", { name: "Send invite" }).click();
  await seeText(invite.getByRole("alert").last(), "Confirm your email address before inviting people.");
  await owner.goto(await confirmationPathFromMail(mail, ownerEmail));
  await seeText(owner.locator("#verify-email h1"), "Email address confirmed");
  await owner.goto("/team");
  await seeText(owner.locator("h1"), "Team of Acme Support");
  await connected(owner);

  // Free has no room: the refusal sits under the invite form, with the way up right there.
  await invite.getByLabel("Email address").fill(agentEmail);
  await invite.getByRole("button", { name: "Send invite" }).click();
  await seeText(invite.getByRole("alert").last(), "The Free plan includes no agents besides the owner. Upgrade to Mini");
  await invite.getByRole("button", { name: "Upgrade to Mini" }).click();
  await owner.getByRole("button", { name: "Yes, upgrade to Mini" }).click();
  await seeText(owner.locator("#plan-usage"), "0 of 2 agents on Mini");

  // Now the invite goes out; James has no account, so he gets a mail.
  await invite.getByRole("button", { name: "Send invite" }).click();
  await seeText(invite.getByRole("status"), `Invitation sent to ${agentEmail}`);
  await seeText(owner.locator("#pending-invites"), agentEmail);
  await seeText(owner.locator("#plan-usage"), "1 of 2 agents on Mini");

  // James opens the link from his mail in his own browser and creates his account there.
  const inviteId = await inviteIdFromMail(mail, agentEmail);
  const agent = await newPage(suite.browser, suite.service);
  await agent.goto(`/invite/${inviteId}`);
  await seeText(agent.locator("h1"), "Acme Support");
  await snap(agent, "invite-accept");
  assert.equal(await agent.getByLabel("Email").inputValue(), agentEmail);
  await agent.getByLabel("Full name").fill("James Rivera");
  await agent.getByLabel("Password", { exact: true }).fill("correct-horse");
  await agent.getByLabel("Confirm password").fill("correct-horse");
  await agent.getByRole("button", { name: "Create account and join" }).click();
  await seeText(agent.locator("h1"), "Team of Acme Support");
  await connected(agent);

  // Olivia sees James arrive, and his invite leave the pending list, without reloading.
  await seeText(memberRow(owner, agentEmail), "James Rivera", 5_000);
  await seeText(owner.locator("#pending-invites"), "No pending invites.");
  // James sees Olivia.
  await seeText(memberRow(agent, ownerEmail), "Olivia Owner");
  await snap(owner, "team-owner");
  await snap(agent, "team-agent");

  // Each one's status change reaches the other at once.
  await agent.getByLabel("My status").selectOption("away");
  await seeText(memberRow(owner, agentEmail).locator("td.status"), "Away");
  await owner.getByLabel("My status").selectOption("offline");
  await seeText(memberRow(agent, ownerEmail).locator("td.status"), "Offline");
  await owner.getByLabel("My status").selectOption("live");
  await seeText(memberRow(agent, ownerEmail).locator("td.status"), "Live");

  // Olivia removes James (after confirming); he is told, and his browser leaves the workspace.
  await memberRow(owner, agentEmail).getByRole("button", { name: "Remove James Rivera" }).click();
  const dialog = owner.getByRole("dialog");
  await seeText(dialog, "Remove James Rivera?");
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await memberRow(owner, agentEmail).waitFor({ state: "detached" });
  await seeText(agent.locator("#toasts"), "You were removed from Acme Support.");
  await seeText(agent.locator("h1"), "Create your workspace");

  assert.deepEqual([...owner.errors, ...agent.errors], []);
});

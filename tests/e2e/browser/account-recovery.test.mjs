// Trust II in a real Chromium: the invite page refuses to create an account for an address that has one and
// says to sign in and join (or reset the password); the mailbox's owner resets the password from the mailed link,
// which ends the earlier holder's sessions.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { register, business } from "../switchboard/service.mjs";
import { useBrowserSuite, newPage, seeText, mailFolder, snap } from "./browser.mjs";

const mail = mailFolder();

const suite = useBrowserSuite({ Email__PickupDirectory: mail, Email__PollIntervalMs: "200", RateLimits__PasswordForgot__PerIpPerHour: "100000" });

after(async () => {
  rmSync(mail, { recursive: true, force: true });
});

/** The reset link in the newest mail to `email`, waiting for the outbox to deliver it. */
async function resetLink(email, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const files = existsSync(mail) ? readdirSync(mail).filter((f) => f.endsWith(".eml")).sort() : [];
    for (const file of files.reverse()) {
      const text = readFileSync(join(mail, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
      if (!text.toLowerCase().includes(`to: ${email.toLowerCase()}`)) continue;
      const link = /\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
      if (link) return link;
    }
    if (Date.now() > deadline) assert.fail(`no password reset mail to ${email} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("an invite for an address with an account says to sign in and join; the owner resets the password and gets in", { timeout: 90_000 }, async () => {
  // Someone registered the address first (never confirmed it); a workspace then invites that address.
  const squatter = await register(suite.service, "Sam Squatter");
  const owner = await business(suite.service, "pro"); // its owner confirmed: only confirmed accounts send invite mail
  const invite = (await owner.api.ok("POST", "/app/invites", { email: squatter.email, seat: "full" })).data;

  // The real owner of the mailbox opens the invitation and tries to create an account.
  const page = await newPage(suite.browser, suite.service);
  await page.goto(`/invite/${invite.id}`);
  await page.getByLabel("Full name").fill("Rita Real");
  await page.getByLabel("Password", { exact: true }).fill("ritas-own-secret-42");
  await page.getByLabel("Confirm password").fill("ritas-own-secret-42");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await seeText(page.locator("form"), "Sign in and join");
  assert.equal(await page.getByRole("link", { name: "Sign in to join", exact: true }).count(), 1);
  await snap(page, "invite-sign-in-to-join");

  // She does not know the password someone else set: she asks for a reset link.
  await page.getByRole("link", { name: "Forgot the password?" }).click();
  await seeText(page.locator("h1"), "Reset your password");
  assert.equal(await page.getByLabel("Email").inputValue(), squatter.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await seeText(page.locator("#forgot-done"), "If an account uses this address");

  await page.goto(await resetLink(squatter.email));
  await seeText(page.locator("h1"), "Choose a new password"); // the page's module loads when first opened
  assert.equal(new URL(page.url()).search, "", "the token leaves the address bar");
  await page.getByLabel("New password", { exact: true }).fill("aaaaaaaa");
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await seeText(page.locator("#reset-password"), "too easy to guess");
  await page.getByLabel("New password", { exact: true }).fill("ritas-own-secret-42");
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await seeText(page.locator("h1"), "Create your workspace");

  // The earlier holder's session is over; she joins the workspace from the invitation, signed in.
  assert.equal((await suite.service.api(squatter.token).call("GET", "/api/v1/auth/me")).status, 401);
  await page.goto(`/invite/${invite.id}`);
  await page.getByRole("button", { name: /^Join / }).click();
  await seeText(page.locator("h1"), "Team");
  assert.deepEqual(page.errors, []);
});

test("the sign-in page links to the password reset", { timeout: 30_000 }, async () => {
  const page = await newPage(suite.browser, suite.service);
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await seeText(page.locator("h1"), "Reset your password");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await seeText(page.locator("form"), /required/i);
});

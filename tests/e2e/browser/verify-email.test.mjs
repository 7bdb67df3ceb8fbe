// Confirming an email address in a real Chromium: the banner after signing up, a new link on demand, the
// page the mailed link opens, and the banner gone once the address is confirmed.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { useBrowserSuite, newPage, seeText, mailFolder, unique, snap } from "./browser.mjs";

const mail = mailFolder();

const suite = useBrowserSuite({ Email__PickupDirectory: mail, Email__PollIntervalMs: "200" });

after(async () => {
  rmSync(mail, { recursive: true, force: true });
});

/** The confirmation links mailed to `email` so far, waiting until there are at least `count`. */
async function links(email, count, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = [];
    for (const file of existsSync(mail) ? readdirSync(mail).filter((f) => f.endsWith(".eml")) : []) {
      const text = readFileSync(join(mail, file), "utf8");
      if (!text.toLowerCase().includes(`to: ${email.toLowerCase()}`)) continue;
      const link = /http:\/\/[^\s"<]+\/verify-email\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
      if (link) found.push(link);
    }
    if (found.length >= count) return found;
    if (Date.now() > deadline) assert.fail(`fewer than ${count} confirmation mails to ${email} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("sign up, ask for the link again, open it: the address is confirmed and the banner goes", { timeout: 60_000 }, async () => {
  const email = unique("rita");
  const page = await newPage(suite.browser, suite.service);
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Rita Register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse");
  await page.getByRole("button", { name: "Create account" }).click();
  await seeText(page.locator("#verify-banner"), `Confirm your email address (${email})`);
  const [initial] = await links(email, 1);

  await page.getByRole("button", { name: "Send the link again" }).click();
  await seeText(page.locator("#verify-banner"), `A confirmation link was sent to ${email}`);
  const newest = (await links(email, 2)).find((link) => link !== initial);

  // The first link was retired by the second: only the newest works.
  await page.goto(initial.replace(/^http:\/\/[^/]+/, ""));
  await seeText(page.locator("#verify-email h1"), "This link does not work");

  // Another tab of the same browser, still showing the banner.
  const other = await page.context().newPage();
  await other.goto("/workspaces/new");
  await seeText(other.locator("#verify-banner"), "Confirm your email address");

  // The link from the newest mail, opened in the same browser.
  const path = newest.replace(/^http:\/\/[^/]+/, "");
  await page.goto(path);
  await seeText(page.locator("#verify-email h1"), "Email address confirmed");
  // The other tab drops its banner at once, without a reload.
  await other.locator("#verify-banner").waitFor({ state: "detached" });
  await other.close();
  assert.equal(new URL(page.url()).search, "", "the token leaves the address bar");
  await snap(page, "verify-email");
  // Back in the dashboard (no reload), the banner has gone; and after a reload too.
  await page.getByRole("link", { name: "Go to Switchboard" }).click();
  await seeText(page.locator("h1"), "Create your workspace");
  assert.equal(await page.locator("#verify-banner").count(), 0);
  await page.reload();
  await seeText(page.locator("h1"), "Create your workspace");
  assert.equal(await page.locator("#verify-banner").count(), 0);

  // Used once: the same link now says it does not work.
  await page.goto(path);
  await seeText(page.locator("#verify-email h1"), "This link does not work");
});

test("asking for the link again too soon says when to try again", { timeout: 30_000 }, async () => {
  const page = await newPage(suite.browser, suite.service);
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Rita Rushed");
  await page.getByLabel("Email").fill(unique("rushed"));
  await page.getByLabel("Password").fill("correct-horse");
  await page.getByRole("button", { name: "Create account" }).click();
  await seeText(page.locator("#verify-banner"), "Confirm your email address");
  // The limit as the service answers it (429 with Retry-After), without waiting for the real one.
  await page.route("**/api/v1/auth/verify-email/resend", (route) => route.fulfill({ status: 429, headers: { "Retry-After": "120" },
    contentType: "application/json", body: JSON.stringify({ detail: "Too many confirmation emails requested." }) }));
  await page.getByRole("button", { name: "Send the link again" }).click();
  await seeText(page.locator("#verify-banner"), "Too many confirmation emails requested. Try again in 2 minutes.");
});

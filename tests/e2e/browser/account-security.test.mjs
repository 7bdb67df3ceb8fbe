// The Account page in a real Chromium: an authenticator app is set up from the QR code's key (codes computed here
// with node:crypto, RFC 6238 SHA-1), the recovery codes are shown once, signing in then asks for a code, and a
// session elsewhere is signed out from the list — its token is refused at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { register } from "../switchboard/service.mjs";
import { totp } from "../switchboard/totp.mjs";
import { useBrowserSuite, openSignedIn, seeText, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("an authenticator is set up, asked for at sign-in, and another session is signed out from the list", { timeout: 90_000 }, async () => {
  const user = await register(suite.service, "Tess Twofactor");
  // A session on another device, made before the second factor existed.
  const elsewhere = (await suite.service.api().ok("POST", "/api/v1/auth/login", { email: user.email, password: "correct-horse" })).access_token;

  const page = await openSignedIn(suite.browser, suite.service, user, null, "/account", { live: false });
  await seeText(page.locator("h1"), "Your account");
  // The password is asked first (a stolen session alone cannot set up a factor); a wrong one is said beside it.
  const twoFactor = page.locator("#account-2fa");
  await twoFactor.getByLabel("Your password").fill("not-my-password");
  await twoFactor.getByRole("button", { name: "Set up an authenticator app" }).click();
  await seeText(twoFactor, "The password is not correct.");
  await twoFactor.getByLabel("Your password").fill("correct-horse");
  await twoFactor.getByRole("button", { name: "Set up an authenticator app" }).click();
  const qr = page.getByRole("img", { name: "QR code to scan with your authenticator app" });
  await qr.waitFor();
  assert.ok((await qr.locator("rect, path").count()) > 0, "the QR code has its modules");
  const secret = (await page.locator("#totp-secret").innerText()).trim();
  await page.getByLabel("Code from the app").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await seeText(page.locator("#account-2fa"), "Two-factor authentication is on");
  assert.equal(await page.locator("#recovery-codes li").count(), 10);
  await snap(page, "account-recovery-codes");
  await page.getByRole("button", { name: "I have saved these codes" }).click();
  await seeText(page.locator("#twofactor-state"), "On:");

  // Signing out and in again: the password alone is not enough.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await seeText(page.locator("h1"), "Sign in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("correct-horse");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await seeText(page.locator("form"), "Enter the code from your authenticator app");
  await page.getByLabel("Authentication code").fill("000000" === totp(secret, 1) ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await seeText(page.locator("form"), "not correct");
  // The confirming code's step is spent; the next step's code is within the accepted skew.
  await page.getByLabel("Authentication code").fill(totp(secret, 1));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await seeText(page.locator("h1"), "Create your workspace");

  // The other device shows in the list, and signing it out ends its token at once.
  await page.goto("/account");
  const sessions = page.locator("#sessions tbody tr");
  await seeText(page.locator("#sessions"), "This session");
  assert.equal(await sessions.count(), 2);
  await seeText(sessions.filter({ hasText: "This session" }), "127.0.0.1");
  const id = elsewhere.split("|")[0];
  await page.locator(`#sessions tr[data-session="${id}"]`).getByRole("button", { name: /^Sign out/ }).click();
  await seeText(page.locator("#sessions"), "This session");
  await page.locator(`#sessions tr[data-session="${id}"]`).waitFor({ state: "detached" });
  assert.equal((await suite.service.api(elsewhere).call("GET", "/api/v1/auth/me")).status, 401);
  assert.deepEqual(page.errors, []);
});

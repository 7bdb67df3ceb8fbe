// Passkeys in a real Chromium with its virtual authenticator (Chrome DevTools Protocol WebAuthn domain): a passkey
// is added on the Account page, the person signs out, and signs in again with the passkey alone — no address, no
// password. The service runs on http://localhost (a secure context; an IP address cannot be a relying party id).
import { test } from "node:test";
import assert from "node:assert/strict";
import { register } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, snap } from "./browser.mjs";


const suite = useBrowserSuite({}, { host: "localhost" });

/** A platform authenticator that keeps discoverable credentials and verifies the user (as a fingerprint would). */
async function virtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

test("a passkey is added on the Account page and signs in without the password", { timeout: 90_000 }, async () => {
  const user = await register(suite.service, "Pat Passkey");
  const page = await openSignedIn(suite.browser, suite.service, user, null, "/account", { live: false });
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  await seeText(page.locator("#account-passkeys"), "No passkeys yet");
  await page.locator("#account-passkeys").getByLabel("Name (optional)").fill("Test laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await seeText(page.locator("#passkeys"), "Test laptop");
  assert.equal((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials.length, 1);
  await snap(page, "account-passkeys");

  const listed = await suite.service.api(user.token).ok("GET", "/api/v1/auth/passkeys");
  assert.deepEqual(listed.map((p) => p.name), ["Test laptop"]);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await seeText(page.locator("h1"), "Sign in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await seeText(page.locator("h1"), "Create your workspace");

  // The sign counter and last use were stored.
  const token = await page.evaluate(() => localStorage.getItem("switchboard.token"));
  assert.notEqual(token, user.token, "a new session, made by the passkey");
  const after = await suite.service.api(token).ok("GET", "/api/v1/auth/passkeys");
  assert.ok(after[0].last_used_at, "the passkey's last use is shown");
  await page.goto("/account");
  await seeText(page.locator("#passkeys"), "Test laptop");
  assert.deepEqual(page.errors, []);
});

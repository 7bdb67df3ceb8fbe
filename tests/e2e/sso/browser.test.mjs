// Single sign-on in Chromium, as a person does it: the workspace's sign-in link, the provider, and back into the
// dashboard signed in — the token out of the address bar and kept where a password sign-in keeps it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, seeText } from "../browser/browser.mjs";
import { business } from "../switchboard/service.mjs";
import { startSso } from "./fixture.mjs";

let sso;
let browser;

before(async () => {
  sso = await startSso();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await sso?.stop();
});

test("the sign-in link goes through the provider and lands in the dashboard signed in", async () => {
  const who = sso.person({ name: "Sasha Single", groups: ["support-admins"] });
  const page = await newPage(browser, sso.service);
  await page.goto(`/api/v1/auth/sso/start?email=${encodeURIComponent(who.email)}`);
  await page.waitForURL(/\/conversations$/, { timeout: 15_000 });
  await seeText(page.locator(".whoami"), "Sasha Single", 10_000);
  assert.equal(new URL(page.url()).hash, "", "the token left the address bar");
  assert.equal(await page.evaluate(() => localStorage.getItem("switchboard.workspace")), sso.biz.id);
  assert.ok(await page.evaluate(() => localStorage.getItem("switchboard.token")));
  assert.deepEqual(page.errors, []);
});

test("the sign-in page's single sign-on button goes by the typed address, and says so when no workspace has it", async () => {
  const page = await newPage(browser, sso.service);
  await page.goto("/login");
  await page.getByLabel("Email").fill("pat@nobody-signs-in-here.example");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await seeText(page.locator("#sso-error"), "No workspace signs in nobody-signs-in-here.example addresses through single sign-on");

  const who = sso.person({ name: "Robin Button" });
  await page.getByLabel("Email").fill(who.email);
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.waitForURL(/\/conversations$/, { timeout: 15_000 });
  await seeText(page.locator(".whoami"), "Robin Button", 10_000);
  assert.deepEqual(page.errors, []);
});

test("a refused sign-in comes back to the sign-in page with the reason: a full plan leaves no account", async () => {
  const small = await business(sso.service, "free");
  await small.api.ok("PUT", "/api/v1/team/sso", {
    issuer: sso.provider.issuer, client_id: sso.provider.client.client_id, client_secret: sso.provider.client.client_secret,
  });
  const who = sso.person({ name: "Fay Full" });
  const page = await newPage(browser, sso.service);
  await page.goto(`/api/v1/auth/sso/start?workspace=${small.id}`);
  await page.waitForURL(/\/login$/, { timeout: 15_000 });
  await seeText(page.locator("#sso-error"), "has no free seat for you");
  await seeText(page.locator("#sso-error"), "nothing was created");
  assert.equal(await page.evaluate(() => localStorage.getItem("switchboard.token")), null);
  const free = await sso.service.api().call("POST", "/api/v1/auth/register", { email: who.email, full_name: "Fay", password: "correct-horse" });
  assert.equal(free.status, 201, "no half account holds the address");
  assert.deepEqual(page.errors, []);
});

// Single sign-on in Chromium, as a person does it: the workspace's sign-in link, the provider, and back into the
// dashboard signed in — the token out of the address bar and kept where a password sign-in keeps it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, openSignedIn, seeText } from "../browser/browser.mjs";
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

test("the Single sign-on page's test sign-in goes through the provider in a new tab, says whom it signed in and keeps the owner's session", async () => {
  const page = await openSignedIn(browser, sso.service, sso.biz.owner, sso.biz.id, "/settings/sso", { live: false });
  await seeText(page.locator("#sso-test-hint"), "A new tab follows the sign-in link to your provider");
  const who = sso.person({ name: "Tess Tryout", groups: ["support-admins"] });
  const [tab] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("link", { name: /Test sign-in/ }).click()]);
  const tabErrors = [];
  tab.on("pageerror", (error) => tabErrors.push(error.message));
  await seeText(tab.locator("#sso-test-result"), "Test sign-in worked", 15_000);
  await seeText(tab.locator("#sso-test-result"), `Your provider signed in Tess Tryout (${who.email}), who is an admin with a full seat in`);
  await seeText(tab.locator("#sso-test-result"), "This test session has been signed out");
  assert.equal(new URL(tab.url()).hash, "", "the token left the address bar");
  // The owner's session is untouched (one storage for every tab of the browser): same token, same page.
  assert.equal(await page.evaluate(() => localStorage.getItem("switchboard.token")), sso.biz.owner.token);
  assert.match(page.url(), /\/settings\/sso$/);
  await page.reload();
  await seeText(page.locator("#sso-state"), "Single sign-on is on");
  // The person joined as a first sign-in does; the test's token no longer works.
  const members = (await sso.biz.api.ok("GET", `/app/members?q=${encodeURIComponent(who.email)}`)).data;
  assert.equal(members.length, 1);
  assert.deepEqual([...page.errors, ...tabErrors], []);
});

// Single sign-on in Chromium, as a person does it: the workspace's sign-in link, the provider, and back into the
// dashboard signed in — the token out of the address bar and kept where a password sign-in keeps it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, seeText } from "../browser/browser.mjs";
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

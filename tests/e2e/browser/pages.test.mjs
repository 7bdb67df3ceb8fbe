// How the service serves the dashboard: the pages and their security headers, the API's own 404s left
// alone, sign-in and sign-out through the forms, and user-provided text that stays text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, register } from "../switchboard/service.mjs";
import { useBrowserSuite, newPage, openSignedIn, seeText, memberRow, snap } from "./browser.mjs";


const suite = useBrowserSuite();

test("pages and their files carry the security headers", { timeout: 15_000 }, async () => {
  for (const path of ["/", "/login", "/team", "/settings/team", "/conversations", "/invite/anything", "/js/main.js", "/css/dashboard.css", "/vendor/socket.io.esm.min.js"]) {
    const res = await fetch(suite.service.url + path);
    assert.equal(res.status, 200, path);
    const csp = res.headers.get("content-security-policy");
    assert.match(csp, /default-src 'self'/, path);
    assert.match(csp, /script-src 'self';/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(res.headers.get("referrer-policy"), "no-referrer", path);
    assert.equal(res.headers.get("x-frame-options"), "DENY", path);
    if (!path.includes(".")) assert.match(res.headers.get("content-type"), /^text\/html/, path);
  }
});

test("the pages leave the API, sockets, docs and health check their own answers", { timeout: 15_000 }, async () => {
  const json = async (path, init) => {
    const res = await fetch(suite.service.url + path, init);
    return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
  };
  assert.deepEqual(await json("/api/v1/no-such-route"), { status: 404, type: "application/json; charset=utf-8", body: '{"detail":"Not Found","code":"no_such_route"}' });
  assert.deepEqual(await json("/app/no-such-route"), { status: 404, type: "application/json; charset=utf-8", body: '{"message":"Not Found","code":"no_such_route"}' });
  assert.equal((await json("/api/v1/team/invite")).status, 405);
  assert.equal((await json("/no-such-page")).status, 404);
  const handshake = await json("/socket.io/?EIO=4&transport=polling");
  assert.equal(handshake.status, 200);
  assert.match(handshake.body, /^0\{"sid":/);
  assert.match((await json("/openapi/v1.json")).type, /application\/json/);
  assert.equal((await json("/healthz")).status, 200);
  assert.doesNotMatch((await json("/docs")).body.slice(0, 200), /Switchboard's dashboard/);
});

test("sign in with the form (a wrong password is refused beside the button), then sign out", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const page = await newPage(suite.browser, suite.service);
  await page.goto("/team");
  await seeText(page.locator("h1"), "Sign in to Switchboard");
  await page.getByLabel("Email").fill(biz.owner.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await seeText(page.locator("form [role=alert]").last(), "Incorrect email or password.");
  await snap(page, "sign-in-refused");
  await page.getByLabel("Password").fill("correct-horse");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Back where the visitor was going.
  await seeText(page.locator("h1"), "Team of Acme Support");
  assert.equal(new URL(page.url()).pathname, "/team");
  const token = await page.evaluate(() => localStorage.getItem("switchboard.token"));

  await page.getByRole("button", { name: "Sign out" }).click();
  await seeText(page.locator("h1"), "Sign in to Switchboard");
  assert.equal(await page.evaluate(() => localStorage.getItem("switchboard.token")), null);
  // Signing out revoked the token on the server too.
  assert.equal((await suite.service.api(token).call("GET", "/api/v1/auth/me")).status, 401);
});

test("names and workspaces that look like markup are shown as text, never run", { timeout: 30_000 }, async () => {
  const evil = '<img src=x onerror="window.__xss=1">';
  const owner = await register(suite.service, `${evil} Mallory`);
  const created = await suite.service.api(owner.token).ok("POST", "/api/v1/auth/business/create", { name: `<script>window.__xss=2</script>${evil}` });
  const page = await openSignedIn(suite.browser, suite.service, owner, created.id);
  await seeText(page.locator("h1"), `Team of <script>window.__xss=2</script>${evil}`);
  await seeText(memberRow(page, owner.email), `${evil} Mallory`);
  assert.equal(await page.locator("main img, header img").count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(page.errors, []);
});

// Every page at 360, 1280 and 1920 px with names as long as the API allows: none scrolls sideways, axe finds
// nothing serious at 1280 px, and a screenshot of each is kept in .tmp/screenshots/ (issue 18).
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember, register, registerConfirmed } from "../switchboard/service.mjs";
import { useBrowserSuite, newPage, openSignedIn, scrollsSideways, accessibilityProblems, snap, seedMembers } from "./browser.mjs";


const suite = useBrowserSuite();

const LONG = "Maximiliana".repeat(24).slice(0, 255);

test("every page at 360, 1280 and 1920 px: no sideways scrolling, axe clean, screenshots kept", { timeout: 120_000 }, async () => {
  // Confirmed: only a confirmed address may send the invite below.
  const owner = await registerConfirmed(suite.service, LONG);
  const created = await suite.service.api(owner.token).ok("POST", "/api/v1/auth/business/create", { name: LONG });
  const biz = { owner, id: created.id, api: suite.service.api(owner.token, created.id) };
  await biz.api.ok("PUT", "/api/v1/billing/plan", { plan: "pro" });
  await addMember(suite.service, biz);
  seedMembers(suite.service, biz.id, [{ name: LONG, email: `${"m".repeat(64)}@${"n".repeat(60)}.example.com`, seat: "Full", status: "Live" }]);
  await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c".repeat(200), initial_message: "w".repeat(500) });
  const invite = (await biz.api.ok("POST", "/app/invites", { email: `${"i".repeat(60)}@example.com`, seat: "lite" })).data;
  const loner = await register(suite.service, LONG);

  const signedIn = [["/team", "#members tbody tr"], ["/conversations", "#conversation-list tbody tr"], ["/supervisor", "#agents tbody tr[data-member-id]"], ["/audit", "#audit tbody tr[data-action]"]];
  for (const width of [360, 1280, 1920]) {
    const viewport = { width, height: 900 };
    const page = await openSignedIn(suite.browser, suite.service, owner, biz.id, "/team", { viewport });
    for (const [path, ready] of signedIn) {
      if (path !== "/team") await page.goto(path);
      await page.locator(ready).first().waitFor();
      assert.equal(await scrollsSideways(page), false, `${path} scrolls sideways at ${width} px`);
      if (width === 1280) assert.deepEqual(await accessibilityProblems(page), [], `${path} at ${width} px`);
      await snap(page, `page${path.replace(/\//g, "-")}-${width}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();

    const lone = await openSignedIn(suite.browser, suite.service, loner, null, "/workspaces/new", { viewport, live: false });
    await lone.getByLabel("Workspace name").waitFor();
    assert.equal(await scrollsSideways(lone), false, `/workspaces/new scrolls sideways at ${width} px`);
    await snap(lone, `page-workspaces-new-${width}`);
    await lone.context().close();

    const visitor = await newPage(suite.browser, suite.service, { viewport });
    for (const [path, heading] of [["/login", "Sign in"], ["/signup", "Create"], [`/invite/${invite.id}`, "Maximiliana"]]) {
      await visitor.goto(path);
      await visitor.locator("h1", { hasText: heading }).first().waitFor();
      assert.equal(await scrollsSideways(visitor), false, `${path} scrolls sideways at ${width} px`);
      if (width === 1280) assert.deepEqual(await accessibilityProblems(visitor), [], `${path} at ${width} px`);
      await snap(visitor, `page-${path.split("/")[1]}-${width}`);
    }
    await visitor.context().close();
  }
});

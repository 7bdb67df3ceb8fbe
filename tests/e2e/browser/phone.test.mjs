// A phone-sized screen: every page fits its width (no sideways scrolling), and axe-core finds no
// serious or critical accessibility problem (labels, contrast, roles, names).
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, newPage, openSignedIn, seeText, scrollsSideways, accessibilityProblems, unique, snap } from "./browser.mjs";

let biz;
let invite;
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

const suite = useBrowserSuite({}, {
  async setUp() {
    biz = await business(suite.service, "mini");
    await addMember(suite.service, biz, "admin");
    // A long address is the usual culprit for a page wider than the phone.
    invite = (await biz.api.ok("POST", "/app/invites", { email: unique("a-rather-long-name.with.dots"), seat: "full" })).data;
    await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "customer-with-a-long-identifier-0001", initial_message: "Hello there, I need some help with my order please" });
  },
});

for (const path of ["/team", "/conversations"]) {
  test(`${path} fits a phone and passes axe`, { timeout: 30_000 }, async () => {
    const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, path, phone);
    await page.locator("main h1").waitFor();
    await page.locator("#members tbody tr, #conversation-list tbody tr").first().waitFor();
    assert.equal(await scrollsSideways(page), false, `${path} scrolls sideways at 360 px`);
    assert.deepEqual(await accessibilityProblems(page), []);
  });
}

test("the sign-in, sign-up and invite pages fit a phone and pass axe", { timeout: 30_000 }, async () => {
  const page = await newPage(suite.browser, suite.service, phone);
  for (const [path, heading] of [["/login", "Sign in"], ["/signup", "Create your Switchboard account"], [`/invite/${invite.id}`, "Acme Support"]]) {
    await page.goto(path);
    await seeText(page.locator("h1"), heading);
    assert.equal(await scrollsSideways(page), false, `${path} scrolls sideways at 360 px`);
    assert.deepEqual(await accessibilityProblems(page), [], path);
    await snap(page, `phone-${path.split("/")[1]}`);
  }
});

// The team page with the keyboard only: reach the invite form by Tab, choose role and seat with the
// arrow keys, send with Enter; remove a member through the confirmation dialog without a mouse.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, memberRow, unique } from "./browser.mjs";


const suite = useBrowserSuite();

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const label = el?.labels?.[0]?.textContent ?? el?.getAttribute("aria-label") ?? el?.textContent ?? "";
  return { tag: el?.tagName.toLowerCase(), name: el?.getAttribute("name"), label: label.trim() };
});

/** Presses Tab until focus is on the control whose label is `label`; fails after `max` presses. */
async function tabTo(page, label, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await focused(page)).label === label) return i + 1;
  }
  assert.fail(`Tab never reached "${label}" in ${max} presses`);
}

test("keyboard only: invite an admin with a lite seat", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const email = unique("keys");

  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Skip to main content");
  await tabTo(page, "Email address");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Role");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Seat");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Send invite");
  await page.keyboard.press("Enter");

  await seeText(page.locator("#invite-result"), `Invitation sent to ${email}.`);
  await seeText(page.locator("#pending-invites"), `${email} Admin · Lite seat`);
  // Ready for the next address without reaching for the mouse.
  assert.equal((await focused(page)).name, "email");
  const invites = await biz.api.ok("GET", "/app/invites");
  assert.equal(invites.data.find((i) => i.email === email)?.seat, "lite");
});

test("keyboard only: remove a member through the confirmation; Escape cancels and gives focus back", { timeout: 30_000 }, async () => {
  const biz = await business(suite.service, "mini");
  const agent = await addMember(suite.service, biz);
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  await seeText(memberRow(page, agent.email), "Alex Agent");

  await tabTo(page, "Remove Alex Agent");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await seeText(dialog, "Remove Alex Agent?");
  // The safe answer has focus first.
  assert.equal((await focused(page)).label, "Cancel");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal((await focused(page)).label, "Remove Alex Agent");

  await page.keyboard.press("Enter");
  await dialog.waitFor();
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Remove member");
  await page.keyboard.press("Enter");
  await memberRow(page, agent.email).waitFor({ state: "detached" });
  // Focus lands on the list's heading, not lost with the removed row.
  assert.match((await focused(page)).label, /^Members/);
});

// Trust II in the dashboard: a spent daily invitation budget and an unconfirmed inviter are told in words
// beside the invite and bulk cards — when the budget comes back as a time of day, read from Retry-After.
// The service runs with a Free budget of 2 mails a day (Invites:DailyMails:Free) so it is spent quickly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { business } from "../switchboard/service.mjs";
import { useBrowserSuite, openSignedIn, seeText, unique } from "./browser.mjs";


const suite = useBrowserSuite({ Invites__DailyMails__Free: "2" });

/** The minutes of the day, UTC, of the HH:MM in `text`. */
const minutesOf = (text) => {
  const [, hh, mm] = /(\d\d):(\d\d)/.exec(text);
  return Number(hh) * 60 + Number(mm);
};

/** Asserts `said` names a time within two minutes of `retryAfter` seconds after `sentAt` (ms), in UTC. */
function assertTimeOfDay(said, sentAt, retryAfter) {
  const at = new Date(sentAt + retryAfter * 1000);
  const expected = at.getUTCHours() * 60 + at.getUTCMinutes();
  const apart = Math.abs(minutesOf(said) - expected);
  assert.ok(Math.min(apart, 1440 - apart) <= 2, `"${said}" should name about ${at.toISOString()}`);
}

test("a spent daily budget: the invite and bulk cards say so and give the time to try again", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "free");
  await biz.api.ok("POST", "/app/invites", { email: unique("first"), seat: "lite" });
  await biz.api.ok("POST", "/app/invites", { email: unique("second"), seat: "lite" });
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id, "/team", { timezoneId: "UTC" });

  const invite = page.locator("#invite");
  await invite.getByLabel("Email address").fill(unique("third"));
  await invite.getByLabel("Seat").selectOption("lite");
  const answered = page.waitForResponse((r) => r.url().endsWith("/app/invites") && r.request().method() === "POST");
  const sentAt = Date.now();
  await invite.getByRole("button", { name: "Send invite", exact: true }).click();
  const response = await answered;
  assert.equal(response.status(), 429);
  const retryAfter = Number(response.headers()["retry-after"]);
  assert.ok(retryAfter > 23 * 3600 && retryAfter <= 24 * 3600, `Retry-After ${retryAfter}`);
  const said = await seeText(invite.locator("form > p.error"),
    /^Invitation budget for today is spent — try again (tomorrow )?at \d\d:\d\d\.$/);
  assertTimeOfDay(said, sentAt, retryAfter);

  // Bulk: each address past the budget says the same, and stays in the box to send later.
  const bulk = page.locator("#bulk-invite");
  await bulk.waitFor();
  await bulk.locator("summary").click();
  const later = [unique("later-a"), unique("later-b")];
  await bulk.getByLabel("Addresses to invite").fill(later.join("\n"));
  await bulk.getByLabel("Seat").selectOption("lite");
  await bulk.getByRole("button", { name: "Send invites" }).click();
  for (const email of later) {
    const row = await seeText(page.locator("#bulk-results li", { hasText: email }),
      /Not sent: invitation budget for today is spent — try again (tomorrow )?at \d\d:\d\d$/);
    assertTimeOfDay(row, sentAt, retryAfter);
  }
  assert.equal(await bulk.getByLabel("Addresses to invite").inputValue(), later.join("\n"));
  assert.deepEqual(page.errors, []);
});

test("an owner whose address is not confirmed is asked to confirm it before inviting", { timeout: 60_000 }, async () => {
  const biz = await business(suite.service, "free", { confirmed: false });
  const page = await openSignedIn(suite.browser, suite.service, biz.owner, biz.id);
  const invite = page.locator("#invite");
  await invite.getByLabel("Email address").fill(unique("someone"));
  await invite.getByLabel("Seat").selectOption("lite");
  await invite.getByRole("button", { name: "Send invite", exact: true }).click();
  await seeText(invite.locator("form > p.error"), "Confirm your email address before inviting people.");
  // Nothing about roles: the owner may invite, once the address is theirs.
  assert.doesNotMatch(await invite.locator("form > p.error").innerText(), /As the owner/);
  await seeText(page.locator("#verify-banner"), "Confirm your email address");
  assert.deepEqual(page.errors, []);
});

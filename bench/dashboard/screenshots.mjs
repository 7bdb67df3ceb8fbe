// The README's and docs/dashboard.md's screenshots, made by a script so they can be made again after a change:
// Settings → Team and the supervisor view of a workspace of 1,000 members on a desktop, and the team page on a
// 360 px phone. The members are seeded like the at-scale tests' fixture; names and addresses are invented.
//
//   cd tests/e2e && npm ci && cd ../.. && dotnet build src/Switchboard -c Release
//   node bench/dashboard/screenshots.mjs          # writes docs/images/dashboard-*.png
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startService, business } from "../../tests/e2e/switchboard/service.mjs";
import { launch, openSignedIn, seedMembers } from "../../tests/e2e/browser/browser.mjs";

const out = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/images");
mkdirSync(out, { recursive: true });

const [service, browser] = await Promise.all([startService(), launch()]);
try {
  const biz = await business(service, "pro");
  const tag = biz.id.slice(0, 8);
  seedMembers(service, biz.id, Array.from({ length: 1000 }, (_, i) => ({
    name: `Member ${String(i).padStart(4, "0")} ${["Lopez", "Nguyen", "Smith", "Okafor"][i % 4]}`,
    email: `member${i}-${tag}@example.com`,
    status: ["Live", "Away", "Offline"][i % 3],
    // Four full seats (with the owner, the Pro plan's five), the rest lite: a plan in order, as a real team's is.
    seat: i < 4 ? "Full" : "Lite",
  })));
  // A few conversations waiting, so the supervisor's queue shows ages and priorities.
  for (const [customer, priority] of [["cust-1001", "urgent"], ["cust-1002", "high"], ["cust-1003", "normal"]]) {
    await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: customer, priority });
  }

  const shots = [
    // Rows with a member id are real rows, not the loading skeleton.
    { name: "dashboard-team-1000.png", path: "/team", wait: "#members tbody tr[data-member-id]", viewport: { width: 1280, height: 900 } },
    { name: "dashboard-supervisor-1000.png", path: "/supervisor", wait: "#agents tbody tr[data-member-id]", viewport: { width: 1280, height: 900 } },
    // On a phone the header and plan fill the first screen: the shot starts at the members list.
    { name: "dashboard-team-phone.png", path: "/team", wait: "#members tbody tr[data-member-id]", scrollTo: "#members",
      viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  ];
  for (const { name, path, wait, scrollTo, ...options } of shots) {
    const page = await openSignedIn(browser, service, biz.owner, biz.id, path, options);
    await page.locator(wait).first().waitFor({ timeout: 30_000 });
    if (scrollTo) await page.locator(scrollTo).evaluate((el) => el.scrollIntoView({ block: "start" }));
    // The first screenful is what a reader needs; a full 50-row page would be a long strip.
    await page.screenshot({ path: join(out, name), timeout: 30_000 });
    console.log(`docs/images/${name}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await service.stop();
}

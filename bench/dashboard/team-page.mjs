// The team page's timings at 1,000 members, in Chromium, each against a reference measured in the same run,
// interleaved (reference, subject, reference, subject, …), printed as medians and ratios:
//   first rows   — navigation start → the first member row, 1,001 members vs. a team of one (the owner);
//   search       — keystroke → the one matching row on screen vs. the same GET /app/members?q= from Node;
//   next page    — click on Next → rows 51–100 on screen vs. the same GET /app/members?page=2 from Node.
// The DOM and request counts are tests (tests/e2e/browser/team-at-scale.test.mjs); these are wall-clock times on a
// shared machine, which is why only the ratios are worth comparing between runs.
//
//   cd tests/e2e && npm ci && cd ../.. && dotnet build src/Switchboard -c Release
//   node bench/dashboard/team-page.mjs            # BENCH_REPEATS=5
import { startService, business } from "../../tests/e2e/switchboard/service.mjs";
import { launch, newPage, seedMembers } from "../../tests/e2e/browser/browser.mjs";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const [service, browser] = await Promise.all([startService(), launch()]);
try {
  const big = await business(service, "pro");
  const small = await business(service, "pro");
  const tag = big.id.slice(0, 8);
  seedMembers(service, big.id, Array.from({ length: 1000 }, (_, i) => ({
    name: `Member ${String(i).padStart(4, "0")} ${["Lopez", "Nguyen", "Smith", "Okafor"][i % 4]}`,
    email: `member${i}-${tag}@example.com`,
    status: ["Live", "Away", "Offline"][i % 3],
    seat: i % 10 === 0 ? "Full" : "Lite",
  })));

  /** A signed-in page on `biz`, its members page size pinned to 50 (the default) whatever was chosen before. */
  async function signedIn(biz) {
    const page = await newPage(browser, service);
    await page.goto("/favicon.svg");
    await page.evaluate(([token, id]) => {
      localStorage.setItem("switchboard.token", token);
      localStorage.setItem("switchboard.workspace", id);
      localStorage.setItem("switchboard.pageSize.members", "50");
    }, [biz.owner.token, biz.id]);
    return page;
  }

  /** Navigation start → the first member row, in the page's own clock. */
  async function firstRows(biz) {
    const page = await signedIn(biz);
    await page.goto("/team", { waitUntil: "commit" });
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const look = () => (document.querySelector("#members tbody tr[data-member-id]") ? resolve(performance.now()) : requestAnimationFrame(look));
      look();
    }));
    await page.context().close();
    return ms;
  }

  /**
   * Time from `act()` to `done(arg)` holding in the page, polled every frame and taken in the page's own clock.
   * `done` is a function evaluated in the page (no strings: the dashboard's CSP forbids eval, rightly).
   */
  async function onScreen(page, act, done, arg) {
    await page.evaluate(() => {
      window.__start = performance.now();
    });
    await act();
    await page.waitForFunction(done, arg, { polling: "raf", timeout: 10_000 });
    return page.evaluate(() => window.__seen - window.__start);
  }

  // Each sets window.__seen the first time it holds, so the time is the frame it held in, not when Node heard.
  const oneRow = (want) => {
    const rows = document.querySelectorAll("#members tbody tr[data-member-id]");
    const ok = rows.length === 1 && rows[0].textContent.includes(want);
    if (ok) window.__seen = performance.now();
    return ok;
  };
  const secondPage = () => {
    const ok = /Showing 51–100 of/.test(document.getElementById("members-summary")?.textContent ?? "");
    if (ok) window.__seen = performance.now();
    return ok;
  };

  async function fromNode(path) {
    const api = service.api(big.owner.token, big.id);
    const start = performance.now();
    await api.ok("GET", path);
    return performance.now() - start;
  }

  const rows = { first: [[], []], search: [[], []], next: [[], []] };
  const page = await signedIn(big);
  await page.goto("/team");
  await page.locator("#members tbody tr[data-member-id]").first().waitFor({ timeout: 15_000 });
  for (let r = 0; r < REPEATS; r++) {
    rows.first[0].push(await firstRows(small));
    rows.first[1].push(await firstRows(big));

    const n = (r * 137 + 11) % 1000;
    const query = `member${n}-${tag}`;
    rows.search[0].push(await fromNode(`/app/members?q=${query}&sort=joined&page=1&page_size=50`));
    const search = page.getByLabel("Search members");
    rows.search[1].push(await onScreen(page, () => search.fill(query), oneRow, `member${n}-`));
    await search.fill("");
    await page.waitForFunction(() => /of 1,001 members/.test(document.getElementById("members-summary")?.textContent ?? ""));

    rows.next[0].push(await fromNode("/app/members?sort=joined&page=2&page_size=50"));
    rows.next[1].push(await onScreen(page, () => page.locator("#members-next").click(), secondPage));
    await page.locator("#members-previous").click();
    await page.waitForFunction(() => /Showing 1–50 of/.test(document.getElementById("members-summary")?.textContent ?? ""));
  }

  const table = [
    ["first rows at 1,001 members", "first rows, a team of one", rows.first],
    ["search → one row on screen", "GET /app/members?q= from Node", rows.search],
    ["Next → rows 51–100 on screen", "GET /app/members?page=2 from Node", rows.next],
  ].map(([what, reference, [ref, subject]]) => ({ what, reference, subject: median(subject), ref: median(ref) }));
  console.log(`\nTeam page at 1,000 members: medians of ${REPEATS} interleaved repeats (ms)\n`);
  console.log("| measured | ms | reference | ms | ratio |\n|---|---:|---|---:|---:|");
  for (const row of table) {
    console.log(`| ${row.what} | ${row.subject.toFixed(0)} | ${row.reference} | ${row.ref.toFixed(1)} | ${(row.subject / row.ref).toFixed(2)} |`);
  }
} finally {
  await browser.close();
  await service.stop();
}

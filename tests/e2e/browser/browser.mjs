// Shared by the browser tests: Debian's Chromium driven by playwright-core, pages signed in without the
// sign-in form (the form has its own test), waiting helpers that fail with what the user saw instead,
// and the invitation mails of a service's pickup folder.
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { readdirSync, readFileSync, mkdtempSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { startService } from "../switchboard/service.mjs";

export const CHROMIUM = process.env.SWITCHBOARD_CHROMIUM ?? "/usr/bin/chromium";

/** Where the tests leave a screenshot of each page they reach (git-ignored; docs/ keeps one for the README). */
export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../.tmp/screenshots");

/** Saves what the page shows now as `<name>.png` in SCREENSHOTS. */
export async function snap(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A long page on a loaded two-core machine can take more than the 5 s that actions get.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, timeout: 30_000 });
}

export function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/test installs it (scripts/lib/chromium.sh)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    timeout: 20_000,
  });
}

/** A fresh browser context (its own storage: a second person) with one page; page errors are kept. */
export async function newPage(browser, service, options = {}) {
  const context = await browser.newContext({ baseURL: service.url, ...options });
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  page.on("console", (message) => {
    // CSP violations and failed module loads surface as console errors.
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) page.errors.push(message.text());
  });
  return page;
}

/** Opens `path` signed in as `user` (a token from the API) on workspace `workspaceId`, live updates connected. */
export async function openSignedIn(browser, service, user, workspaceId, path = "/team", { live = true, deaf = false, ...options } = {}) {
  const page = await newPage(browser, service, options);
  if (deaf) {
    // A page that hears no events (its socket can never connect): for what a stale page shows.
    await page.route("**/socket.io/**", (route) => route.abort());
    await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
    live = false;
  }
  await page.goto("/favicon.svg");
  await page.evaluate(([token, workspace]) => {
    localStorage.setItem("switchboard.token", token);
    if (workspace) localStorage.setItem("switchboard.workspace", workspace);
  }, [user.token, workspaceId]);
  await page.goto(path);
  if (live) await connected(page);
  return page;
}

/**
 * Waits until the page's Socket.IO connection is up, as the header tells the user, and on its WebSocket: a
 * session starts on long-polling and upgrades a moment later, and a tab closed mid-upgrade is only noticed by the
 * server's heartbeat (45 s, as with Node's engine.io), not at once as a tab open for longer than that moment is.
 */
export async function connected(page) {
  await page.getByText("Live updates on").waitFor({ timeout: 10_000 });
  await page.locator("html[data-realtime-transport=websocket]").waitFor({ state: "attached", timeout: 10_000 });
}

/** Waits until `locator`'s text contains `expected` (string or RegExp); fails showing what was there. */
export async function seeText(locator, expected, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last = "";
  for (;;) {
    // Whitespace as a reader perceives it: one space, whatever the layout's line breaks.
    last = (await locator.count()) > 0 ? (await locator.first().innerText().catch(() => "")).replace(/\s+/g, " ").trim() : "(nothing)";
    if (typeof expected === "string" ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() > deadline) assert.fail(`expected ${expected} within ${timeout} ms, saw: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The members table row of `email`. */
export const memberRow = (page, email) => page.locator("#members tbody tr", { hasText: email });

export function mailFolder() {
  return mkdtempSync(join(tmpdir(), "switchboard-browser-mail-"));
}

/** The invite id in the newest mail to `email`, waiting for the outbox to deliver it. */
export async function inviteIdFromMail(folder, email, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      // Quoted-printable: join soft line breaks and decode "=3D" before looking for the link.
      const text = readFileSync(join(folder, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
      if (!text.toLowerCase().includes(email.toLowerCase())) continue;
      const id = /\/invite\/([0-9a-f-]{36})/i.exec(text)?.[1];
      if (id) return id;
    }
    if (Date.now() > deadline) assert.fail(`no invitation mail to ${email} in ${folder} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The path of the newest-found confirmation link mailed to `email` (`/verify-email?token=…`), waiting for delivery. */
export async function confirmationPathFromMail(folder, email, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const text = readFileSync(join(folder, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
      if (!text.toLowerCase().includes(`to: ${email.toLowerCase()}`)) continue;
      const path = /\/verify-email\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
      if (path) return path;
    }
    if (Date.now() > deadline) assert.fail(`no confirmation mail to ${email} in ${folder} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs axe-core (from node_modules) in the page; returns the serious and critical violations. */
export async function accessibilityProblems(page) {
  const require = createRequire(import.meta.url);
  // Evaluated over CDP, not added as a <script>: the dashboard's CSP rightly refuses inline scripts.
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

/** Every axe-core violation in the page, whatever its impact (minor included): ["rule: help (targets)"]. */
export async function accessibilityViolations(page) {
  const require = createRequire(import.meta.url);
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  }
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

/** True when the page scrolls sideways (what a phone user would have to do). */
export const scrollsSideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

export const unique = (name) => `${name}-${Math.random().toString(36).slice(2, 10)}@example.com`;

/**
 * Adds members straight to the service's SQLite file (a 1,000-member team through the API would take
 * minutes): people = [{ name, email, role: "Agent", seat: "Full"|"Lite", status: "Live"|"Away"|"Offline" }].
 * The rows look as the service writes them (upper-case GUID text, UTC "yyyy-MM-dd HH:mm:ss.ffffff").
 */
export function seedMembers(service, workspaceId, people) {
  const sql = (text) => `'${String(text).replace(/'/g, "''")}'`;
  const start = Date.now() - people.length * 1000;
  const stamp = (ms) => new Date(ms).toISOString().replace("T", " ").replace("Z", "000");
  const lines = ["BEGIN;"];
  people.forEach((p, i) => {
    const user = randomUUID().toUpperCase();
    const member = randomUUID().toUpperCase();
    const at = stamp(start + i * 1000);
    const normalized = p.email.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC");
    lines.push(`INSERT INTO users (id, email, normalized_email, name, password_hash, email_verified_at, created_at, updated_at) VALUES (${sql(user)}, ${sql(p.email)}, ${sql(normalized)}, ${sql(p.name)}, 'x', ${sql(at)}, ${sql(at)}, ${sql(at)});`);
    lines.push(`INSERT INTO memberships (id, workspace_id, user_id, role, seat, status, is_active, invited_at, updated_at) VALUES (${sql(member)}, ${sql(workspaceId.toUpperCase())}, ${sql(user)}, ${sql(p.role ?? "Agent")}, ${sql(p.seat ?? "Lite")}, ${sql(p.status ?? "Offline")}, 1, ${sql(at)}, ${sql(at)});`);
  });
  lines.push("COMMIT;");
  const file = join(mkdtempSync(join(tmpdir(), "switchboard-seed-")), "seed.sql");
  writeFileSync(file, lines.join("\n"));
  execFileSync("sqlite3", ["-cmd", ".timeout 30000", service.db, `.read ${file}`]);
}

/**
 * Adds invites straight to the service's SQLite file (600 of them through the API would spend the daily mail
 * budget): invites = [{ email, status: "Pending"|"Expired"|"Revoked"|"Accepted", seat, role, daysAgo }], sent by
 * `inviterId`. A pending one expires a week after it was sent, so only those sent under 7 days ago still work.
 */
export function seedInvites(service, workspaceId, inviterId, invites) {
  const sql = (text) => `'${String(text).replace(/'/g, "''")}'`;
  const stamp = (ms) => new Date(ms).toISOString().replace("T", " ").replace("Z", "000");
  const lines = ["BEGIN;"];
  invites.forEach((i, n) => {
    const sent = Date.now() - (i.daysAgo ?? 30) * 86_400_000 - n * 1000;
    const normalized = i.email.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC");
    lines.push("INSERT INTO invites (id, workspace_id, email, normalized_email, role, seat, status, invited_by_user_id, created_at, updated_at, expires_at) VALUES ("
      + [randomUUID().toUpperCase(), workspaceId.toUpperCase(), i.email, normalized, i.role ?? "Agent", i.seat ?? "Lite", i.status ?? "Revoked",
        inviterId.toUpperCase(), stamp(sent), stamp(sent), stamp(sent + 7 * 86_400_000)].map(sql).join(", ") + ");");
  });
  lines.push("COMMIT;");
  const file = join(mkdtempSync(join(tmpdir(), "switchboard-seed-")), "invites.sql");
  writeFileSync(file, lines.join("\n"));
  execFileSync("sqlite3", ["-cmd", ".timeout 30000", service.db, `.read ${file}`]);
}

/** Marks accounts' addresses confirmed in the service's SQLite file (a hundred mails read one by one take minutes). */
export function confirmInDatabase(service, users) {
  const list = users.map((u) => `'${u.email.toLowerCase().replace(/'/g, "''")}'`).join(", ");
  execFileSync("sqlite3", ["-cmd", ".timeout 30000", service.db,
    `UPDATE users SET email_verified_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE normalized_email IN (${list})`]);
}

/** Runs `work(item)` over `items`, `width` at a time (a wave of people acting at once, not one after another). */
export async function inParallel(items, width, work) {
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  }));
  return results;
}

/**
 * The preamble of a browser test file: registers node:test's `before` (one service from `startService(settings,
 * options)` and one browser, started together, then `setUp(suite)` if given) and `after` (both closed). `settings` may
 * be an async function that returns them, for settings that need something started first. Returns the handles, set
 * once `before` has run: `suite.service`, `suite.browser`. A file's set-up that needs them goes in `setUp`, not in a
 * `before` of its own: top-level `before` hooks start as they are registered, so a second one would not wait.
 */
export function useBrowserSuite(settings = {}, { setUp, ...options } = {}) {
  const suite = { service: null, browser: null };
  before(async () => {
    const resolved = typeof settings === "function" ? await settings() : settings;
    [suite.service, suite.browser] = await startBoth(startService(resolved, options));
    await setUp?.(suite);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.service?.stop();
  });
  return suite;
}

/**
 * The service and Chromium, started side by side: if either fails the other is stopped before the error goes on,
 * so a slow start never leaves a browser behind that keeps the test file's process alive until CI's limit.
 */
export async function startBoth(serviceStarting, browserStarting = launch()) {
  const [service, browser] = await Promise.allSettled([serviceStarting, browserStarting]);
  if (service.status === "fulfilled" && browser.status === "fulfilled") return [service.value, browser.value];
  if (browser.status === "fulfilled") await browser.value.close().catch(() => {});
  if (service.status === "fulfilled") await service.value.stop().catch(() => {});
  throw service.status === "rejected" ? service.reason : browser.reason;
}

// What the fault tests share: the real service as a child process that can be SIGKILLed and started again on
// the same database (SQLite file or a PostgreSQL database of its own), the SMTP sink, the mail it received,
// and raw SQL for checks the API cannot see (tokens, outbox rows). Everything listens on loopback, and every
// process and database made here is removed by cleanup() — also when a test fails or the runner exits.
import { spawn, execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { Api, freePort, builtDll } from "../switchboard/service.mjs";
import { keepLog } from "../switchboard/evidence.mjs";

const run = promisify(execFile);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The machine is shared and often saturated: starts and waits are generous, and every wait polls.
const START_TIMEOUT_MS = 120_000;

const children = new Set();
const cleanups = [];
// A runner that dies between tests must not leave services or sinks behind.
process.on("exit", () => { for (const child of children) child.kill("SIGKILL"); });

/** Kills every process started here and drops every database made here. */
export async function cleanup() {
  for (const child of children) child.kill("SIGKILL");
  while (cleanups.length) await cleanups.pop()().catch((e) => console.error(`cleanup: ${e.message}`));
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `switchboard-faults-${prefix}-`));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function exited(child) {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r)));
}

// ------------------------------------------------------------------ databases

function pgSettings() {
  const raw = process.env.SWITCHBOARD_TEST_PG;
  if (!raw) return null;
  const parts = Object.fromEntries(raw.split(";").filter(Boolean).map((kv) => {
    const at = kv.indexOf("=");
    return [kv.slice(0, at).trim().toLowerCase(), kv.slice(at + 1).trim()];
  }));
  return { host: parts.host ?? "127.0.0.1", port: parts.port ?? "5432", user: parts.username ?? parts["user id"] ?? "postgres", password: parts.password ?? "" };
}

export const hasPostgres = () => pgSettings() !== null;

async function psql(pg, database, query) {
  const { stdout } = await run("psql", ["-h", pg.host, "-p", pg.port, "-U", pg.user, "-d", database, "-X", "-tA",
    "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
  { env: { ...process.env, PGPASSWORD: pg.password, PGCONNECT_TIMEOUT: "10" }, timeout: 60_000, maxBuffer: 50_000_000 });
  return stdout.split("\n").filter(Boolean).map((line) => line.split("\t"));
}

async function hasCommand(name) {
  try {
    await run("sh", ["-c", `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh database: { provider, settings (env for the service), sql(query) → rows of strings or null when
 * no client is installed }. PostgreSQL ones are created from SWITCHBOARD_TEST_PG and dropped at cleanup.
 */
export async function database(provider) {
  if (provider === "sqlite") {
    const file = join(tempDir("db"), "switchboard.db");
    const client = await hasCommand("sqlite3");
    return {
      provider,
      settings: { Database__Provider: "sqlite", ConnectionStrings__Switchboard: `Data Source=${file}` },
      async sql(query) {
        if (!client) return null;
        const { stdout } = await run("sqlite3", ["-separator", "\t", "-cmd", ".timeout 30000", file, query],
          { timeout: 60_000, maxBuffer: 50_000_000 });
        return stdout.split("\n").filter(Boolean).map((line) => line.split("\t"));
      },
    };
  }
  const pg = pgSettings();
  if (!pg) throw new Error("SWITCHBOARD_TEST_PG is not set (scripts/test sets it)");
  const name = `switchboard_faults_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await psql(pg, "postgres", `CREATE DATABASE ${name}`);
  cleanups.push(() => psql(pg, "postgres", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return {
    provider,
    name,
    settings: {
      Database__Provider: "postgres",
      ConnectionStrings__Switchboard: `Host=${pg.host};Port=${pg.port};Username=${pg.user};Password=${pg.password};Database=${name}`,
    },
    sql: (query) => psql(pg, name, query),
  };
}

// ------------------------------------------------------------------ the service

/**
 * Starts `dotnet Switchboard.dll` on a free loopback port over the given database. Returns a handle shaped
 * like service.mjs's (url, api(), so its business/register helpers work) plus kill() — SIGKILL, no shutdown
 * code runs — and stop() — SIGTERM, a graceful stop. Neither removes the database: a restart reuses it.
 */
export async function startNode(db, settings = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("dotnet", [builtDll()], {
    cwd: join(root, "src/Switchboard"),
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Testing",
      Urls: url,
      PublicBaseUrl: url,
      ...db.settings,
      Security__PasswordHasher__IterationCount: "1000",
      RateLimits__Login__PerIpPerMinute: "100000",
      RateLimits__Register__PerIpPerHour: "100000",
      RateLimits__VerifyEmail__PerIpPerHour: "100000",
      RateLimits__BusinessCreate__PerIpPerHour: "100000",
      Security__PasswordHashing__QueueLimit: "100000",
      RateLimits__Login__FailuresBeforeBackoff: "100000",
      Invites__CreatePerMinute: "100000",
      Invites__LinkPerMinute: "100000",
      Email__PickupDirectory: join(tmpdir(), `switchboard-faults-pickup-${port}`),
      Logging__LogLevel__Default: "Warning",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const node = {
    url,
    pid: child.pid,
    log: () => log,
    api: (token, workspaceId) => new Api(url, token, workspaceId),
    /**
     * Confirms a user's address in the database: these nodes mail through a sink that a test may have stopped,
     * so the confirmation link cannot be waited for. service.mjs's business() uses it for the owner.
     */
    async confirm(user) {
      const done = await db.sql(`UPDATE users SET email_verified_at = CURRENT_TIMESTAMP WHERE normalized_email = '${user.email.toLowerCase().replaceAll("'", "''")}'`);
      if (done === null) throw new Error(`no ${db.provider} client to confirm ${user.email}: install sqlite3 (scripts/test does)`);
      return user;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
    },
    async stop() {
      child.kill("SIGTERM");
      let timer;
      const done = await Promise.race([exited(child).then(() => true), new Promise((r) => (timer = setTimeout(r, 30_000, false)))]);
      clearTimeout(timer);   // a pending timer would hold the test process open
      if (!done) await node.kill();
      keepLog("faults", log);
    },
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Switchboard exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return node;
    } catch {}
    if (Date.now() > deadline) {
      await node.kill();
      throw new Error(`Switchboard did not start within ${START_TIMEOUT_MS / 1000} s:\n${log}`);
    }
    await sleep(200);
  }
}

/** Settings that send mail through the sink on `port` (which may be down), retrying quickly. */
export const smtpSettings = (port, extra = {}) => ({
  Email__Transport: "smtp",
  Email__Smtp__Host: "127.0.0.1",
  Email__Smtp__Port: String(port),
  Email__Smtp__Security: "none",
  // The service insists that a claim outlives two SMTP timeouts.
  Email__Smtp__TimeoutMs: "4000",
  Email__PollIntervalMs: "200",
  Email__RetryBaseMs: "500",
  Email__RetryMaxMs: "3000",
  Email__ClaimSeconds: "10",
  ...extra,
});

// ------------------------------------------------------------------ the SMTP sink

/** Starts tests/smtp-sink on `port`, writing into `dir`; stop() is a graceful SIGTERM. */
export async function startSink(port, dir) {
  const child = spawn(process.execPath, [join(root, "tests/smtp-sink/sink.mjs"), "--port", String(port), "--dir", dir,
    "--exit-with-stdin"], { stdio: ["pipe", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let out = "";
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`smtp sink did not start within 60 s: ${out}`)), 60_000);
    const look = (d) => {
      out += d;
      if (out.includes("listening on")) { clearTimeout(timer); ok(); }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", (d) => (out += d));
    child.once("exit", (code) => { clearTimeout(timer); fail(new Error(`smtp sink exited (${code}): ${out}`)); });
  });
  return {
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}

function decodeQuotedPrintable(text) {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every .eml in `dir`: { file, messageId, to, kind, inviteIds }. Only whole files (the sink renames into place). */
export function mails(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".eml")).map((file) => {
    const raw = readFileSync(join(dir, file), "latin1");
    const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, " ");
    const header = (name) => head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1].trim() ?? null;
    const body = decodeQuotedPrintable(raw);
    return {
      file,
      messageId: header("Message-ID"),
      to: header("To")?.replace(/^.*<|>.*$/g, "").toLowerCase() ?? null,
      kind: header("X-Switchboard-Kind"),
      inviteIds: [...new Set([...body.matchAll(/\/invite\/([0-9a-f-]{36})/g)].map((m) => m[1]))],
    };
  });
}

/** Counts of each value of key(item). */
export function tally(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Polls `check` (async, truthy when done) every `every` ms until it holds or `within` ms pass. */
export async function eventually(what, check, within = 120_000, every = 250) {
  const deadline = Date.now() + within;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${within / 1000} s waiting for ${what}`);
    await sleep(every);
  }
}

/** One HTTP call that never throws: { status, body } or { status: 0, error } when the connection died. */
export async function attempt(url, method, path, body, headers = {}) {
  try {
    const res = await fetch(url + path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: res.status, body: parsed };
  } catch (error) {
    return { status: 0, error: error.cause?.code ?? error.message };
  }
}

/**
 * Fires every request at once and SIGKILLs the node as soon as `successes` of them have answered 2xx, while
 * the others are still in flight. Returns the outcomes, in order, and how many were unanswered at the kill.
 */
export async function killAfterSuccesses(node, requests, successes = 1) {
  let killing = null;
  let answered = 0;
  let inFlightAtKill = null;
  const outcomes = await Promise.all(requests.map(async (send) => {
    const outcome = await send();
    answered += 1;
    if (outcome.status >= 200 && outcome.status < 300 && --successes === 0) {
      inFlightAtKill = requests.length - answered;
      killing = node.kill();
    }
    return outcome;
  }));
  // Too few succeeded (should not happen): still kill, so the restart below is a restart after a crash.
  if (!killing) { inFlightAtKill = 0; killing = node.kill(); }
  await killing;
  return { outcomes, inFlightAtKill };
}

export const uniqueTag = () => randomUUID().slice(0, 8);

// The benchmark driver behind scripts/bench. Starts every server itself (loopback only), runs each figure
// against its references in the same run, interleaved (reference, subject, reference, subject, ...), and prints
// one table with medians and ratios. Results also go to .tmp/bench/results.json.
//
// REST on PostgreSQL has two references: the PingBack-stack peer (bench/pingback-peer: FastAPI + asyncpg under
// uvicorn, 2 workers, its own tables in the same database, called as PingBack's clients call it — bearer token,
// no x-workspace-id) and bench/Baseline (bare Kestrel + ADO.NET, x-workspace-id). Each repeat runs, in turn: the
// peer, Switchboard without the header, Switchboard with it, the baseline, then Switchboard's other reads.
//
// The cluster phase (PostgreSQL only) starts the two-node topology with scripts/cluster (PostgreSQL, Redis, two
// nodes, nginx) in .tmp/bench/cluster, seeds through its nginx, starts the peer on the cluster's PostgreSQL and
// measures, interleaved: the peer, Switchboard through nginx without the header and with it, and for context through
// an nginx with `worker_processes auto` (the template has 1) and both nodes directly (no nginx). See clusterPhase.
//
// Environment (scripts/bench sets these):
//   BENCH_ARTIFACTS   folder with the built Switchboard, Bench.Baseline and Bench.SioServer (artifacts bin/)
//   BENCH_PG          "host:port" of the PostgreSQL to use (databases bench_* are created and dropped)
//   BENCH_ONLY        comma list of phases: rest,scale,writes,mix,cluster,echo,memory,storm,broadcast,assign (default: all);
//                     "realtime" means echo,memory,storm,broadcast
//   BENCH_POLLING     idle long-polling sessions of the memory phase (2000); BENCH_ECHO_INFLIGHT (100)
//   BENCH_REPEATS     repeats of each interleaved measurement (default 3)
//   BENCH_SECONDS     seconds of each wrk run (default 5)
//   BENCH_PROVIDERS   comma list: postgres,sqlite (default both); the peer runs on postgres only
//   BENCH_PEER_LOOP, BENCH_PEER_HTTP, BENCH_PEER_POOL   the peer's uvicorn --loop (asyncio), --http (h11), and
//                     asyncpg pool size per worker (10)
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync, copyFileSync, readdirSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync, execFile } from "node:child_process";
import { promisify } from "node:util";
import os from "node:os";
import { io } from "socket.io-client";
import { Api, register, business, addMember } from "../../tests/e2e/switchboard/service.mjs";
import {
  sleep, freePort, startServer, rssBytes, median, percentile, wrk, wrkAsync, psql, psqlFile, cpuSeconds,
  treeCpuSeconds, forkRaw, mergeHists, histPercentile,
} from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const tmp = join(root, ".tmp/bench");
mkdirSync(tmp, { recursive: true });

const artifacts = process.env.BENCH_ARTIFACTS ?? join(tmp, "artifacts/bin");
const dll = (name) => join(artifacts, name, "release", `${name}.dll`);
const [pgHost, pgPort] = (process.env.BENCH_PG ?? "127.0.0.1:55432").split(":");
const pg = { host: pgHost, port: Number(pgPort) };
const phases = new Set((process.env.BENCH_ONLY ?? "rest,scale,writes,mix,cluster,echo,memory,storm,broadcast,assign").split(","));
if (phases.has("realtime")) for (const p of ["echo", "memory", "storm", "broadcast"]) phases.add(p); // the Socket.IO figures only
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const providers = (process.env.BENCH_PROVIDERS ?? "postgres,sqlite").split(",");
const CONNECTIONS = 64;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 1000); // req/s of the fixed-rate latency runs

const results = { date: new Date().toISOString(), machine: machine(), rows: [], notes: [] };
const t0 = Date.now();
const log = (...a) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s]`, ...a);

function machine() {
  const cpu = os.cpus()[0]?.model ?? "?";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, ` +
    `.NET ${execFileSync("dotnet", ["--version"], { encoding: "utf8" }).trim()} SDK, Node ${process.version}`;
}

/** One line of the final table. */
function row(group, name, subject, reference, { unit = "", higherIsBetter = true, target, met, note } = {}) {
  const ratio = Number.isFinite(subject) && Number.isFinite(reference) && reference !== 0 ? subject / reference : NaN;
  results.rows.push({ group, name, subject, reference, ratio, unit, higherIsBetter, target, met, note });
}

// ------------------------------------------------------------------ servers

function pgConn(db) {
  return `Host=${pg.host};Port=${pg.port};Username=postgres;Password=postgres;Database=${db}${process.env.BENCH_PG_EXTRA ?? ""}`;
}

export function freshDatabase(provider, name) {
  if (provider === "postgres") {
    psql(pg, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return pgConn(name);
  }
  const file = join(tmp, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  return `Data Source=${file}`;
}

export async function startSwitchboard(provider, conn, extraEnv = {}) {
  const port = await freePort();
  return startServer("switchboard", "dotnet", [dll("Switchboard")], {
    cwd: join(root, "src/Switchboard"),
    port,
    env: {
      ASPNETCORE_ENVIRONMENT: "Production",
      Urls: `http://127.0.0.1:${port}`,
      Database__Provider: provider,
      ConnectionStrings__Switchboard: conn,
      // Set-up speed only (registering users): see bench/README.md.
      Security__PasswordHasher__IterationCount: "1000",
      RateLimits__Login__PerIpPerMinute: "100000",
      RateLimits__Register__PerIpPerHour: "100000",
      RateLimits__VerifyEmail__PerIpPerHour: "100000",
      RateLimits__BusinessCreate__PerIpPerHour: "100000",
      Email__PickupDirectory: join(tmp, "mail"),
      Logging__LogLevel__Default: "Warning",
      ...extraEnv,
    },
  });
}

async function startBaseline(provider, conn) {
  const port = await freePort();
  return startServer("baseline", "dotnet", [dll("Bench.Baseline"), "serve", "--provider", provider, "--conn", conn,
    "--urls", `http://127.0.0.1:${port}`], { port, cwd: tmp });
}

// The PingBack-stack peer (bench/pingback-peer): Debian's python3 (not the pyenv one first on PATH), Debian's
// uvicorn 0.17 / FastAPI 0.92 / asyncpg 0.27, 2 workers, no access log. The event loop and HTTP parser are pinned to
// what those three packages bring (asyncio, h11), so that python3-uvloop or python3-httptools appearing on the
// machine cannot change the peer between runs; BENCH_PEER_LOOP / BENCH_PEER_HTTP choose others.
const PEER_DIR = join(root, "bench/pingback-peer");
const PEER_SEED_SQL = join(PEER_DIR, "seed.sql");
async function startPeer(db, at = pg) {
  const port = await freePort();
  const args = ["-m", "uvicorn", "app:app", "--app-dir", PEER_DIR, "--workers", "2", "--host", "127.0.0.1",
    "--port", String(port), "--no-access-log", "--log-level", "warning",
    "--loop", process.env.BENCH_PEER_LOOP ?? "asyncio", "--http", process.env.BENCH_PEER_HTTP ?? "h11"];
  const server = await startServer("peer", "/usr/bin/python3", args, {
    port, cwd: tmp,
    env: {
      PEER_DSN: `postgresql://postgres:postgres@${at.host}:${at.port}/${db}`,
      PEER_POOL_SIZE: process.env.BENCH_PEER_POOL ?? "10",
      PYTHONPATH: "", PYTHONHOME: "", PYTHONNOUSERSITE: "1", // empty = unset for python3
    },
  });
  server.tree = true; // CPU = the master and its workers
  // Both workers up (imports done, pool open) before anyone measures: each prints a line when it is.
  const deadline = Date.now() + 60_000;
  const ready = () => (server.log().match(/pingback-peer worker \d+ ready/g) ?? []).length;
  while (ready() < 2 && Date.now() < deadline) await sleep(100);
  if (ready() < 2) {
    await server.stop();
    throw new Error(`the peer's workers did not both start within 60 s:\n${server.log()}`);
  }
  return server;
}

async function startSio(kind, extraEnv = {}) {
  const port = await freePort();
  if (kind === "node")
    return startServer("node", "node", ["--expose-gc", join(root, "bench/node-server/server.mjs"), "--port", String(port)], { port, cwd: tmp });
  return startServer("dotnet", "dotnet", [dll("Bench.SioServer"), "--port", String(port)], { port, cwd: tmp, env: extraEnv });
}

export function seedMembers(provider, conn, workspaceId, count, tokensFile) {
  execFileSync("dotnet", [dll("Bench.Baseline"), "seed-members", "--provider", provider, "--conn", conn,
    "--workspace", workspaceId, "--count", String(count), "--tokens", tokensFile], { stdio: ["ignore", "ignore", "inherit"] });
  return JSON.parse(readFileSync(tokensFile, "utf8"));
}

/**
 * Owner + Pro workspace + 5 agents through the real REST API (6 members), and `conversations` open conversations.
 * `mailDir` is where the service writes its mail (addMember confirms each agent's address from it).
 */
export async function seedWorkspace(url, conversations, mailDir = join(tmp, "mail")) {
  const svc = { url, mailDir, api: (token, workspaceId) => new Api(url, token, workspaceId) };
  const biz = await business(svc, "pro");
  const agents = [];
  for (let i = 0; i < 5; i++) agents.push(await addMember(svc, biz));
  const convs = [];
  for (let i = 0; i < conversations; i++) {
    const c = await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: `cust-${i}`, initial_message: "Where is my order?" });
    convs.push(c.id);
  }
  return { biz, agents, convs, headers: { Authorization: `Bearer ${biz.owner.token}`, "x-workspace-id": biz.id } };
}

// ------------------------------------------------------------------ REST

const MEMBERS = "/api/v1/team/members";

/**
 * One GET, outside any measurement. The driver blocks its event loop while wrk runs (execFileSync), so fetch's
 * idle keep-alive connections are not reaped on time and one the server has since closed (uvicorn after 5 s,
 * Kestrel after 130 s) can be reused and fail: ask for a fresh connection and try again once.
 */
async function getBody(server, path, headers) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${server.url}${path}`, { headers: { ...headers, connection: "close" } });
      return { status: res.status, text: await res.text() };
    } catch (error) {
      if (attempt >= 2) throw new Error(`GET ${server.name} ${path}: ${error.message} (${error.cause?.message ?? "no cause"})`);
      await sleep(200);
    }
  }
}

async function sameJson(a, b, headers, bHeaders = headers) {
  const [x, y] = [await getBody(a, MEMBERS, headers), await getBody(b, MEMBERS, bHeaders)];
  let count = NaN;
  try { count = JSON.parse(x.text).length; } catch {}
  return { equal: x.status === 200 && x.text === y.text, subject: x.text, baseline: y.text, count };
}

/** Same members, same fields and values, whatever the byte order or escaping: the fallback comparison with the peer. */
function sameMembers(a, b) {
  try {
    const norm = (t) => JSON.parse(t).map((m) => JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]])));
    const [x, y] = [norm(a), norm(b)];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  } catch { return false; }
}

/**
 * The peer against Switchboard (both calls) and Switchboard against the baseline: byte-for-byte where possible,
 * and notes (which also appear under the table) for every difference.
 */
async function checkBodies(provider, label, s, expectCount) {
  const sbHeader = await sameJson(s.sb, s.base, s.headers);
  if (!sbHeader.equal) {
    results.notes.push(`${provider} ${label}: the baseline's JSON differs from Switchboard's!\n  sb:   ${sbHeader.subject.slice(0, 300)}\n  base: ${sbHeader.baseline.slice(0, 300)}`);
    log("WARNING: baseline JSON differs", sbHeader.subject.slice(0, 200), sbHeader.baseline.slice(0, 200));
  }
  if (expectCount !== undefined && sbHeader.count !== expectCount)
    results.notes.push(`${provider} ${label}: Switchboard lists ${sbHeader.count} members, expected ${expectCount}`);
  if (!s.peer) return;
  const noHeader = await sameJson(s.sb, s.sb, s.noHeader, s.headers);
  if (!noHeader.equal) results.notes.push(`${provider} ${label}: Switchboard's body without x-workspace-id differs from the one with it`);
  const peer = await sameJson(s.sb, s.peer, s.noHeader);
  if (peer.equal) {
    log(`  ${label}: peer body = Switchboard body, byte for byte (${peer.count} members, ${peer.subject.length} bytes)`);
  } else if (sameMembers(peer.subject, peer.baseline)) {
    results.notes.push(`${provider} ${label}: the peer's JSON has the same members and fields as Switchboard's but not the same bytes`);
    log(`  ${label}: peer body has the same members and fields, not the same bytes`);
  } else {
    results.notes.push(`${provider} ${label}: the peer's JSON differs from Switchboard's!\n  sb:   ${peer.subject.slice(0, 300)}\n  peer: ${peer.baseline.slice(0, 300)}`);
    log("WARNING: peer JSON differs", peer.subject.slice(0, 200), peer.baseline.slice(0, 200));
  }
}

/** CPU seconds of a server so far: the uvicorn master and its workers for the peer, the process for the others. */
const serverCpu = (s) => (s.tree ? treeCpuSeconds(s.pid) : cpuSeconds(s.pid));

/**
 * Interleaved closed-loop wrk runs: every repeat runs each target in turn (wrk -c64, SECONDS s), after a warm-up
 * of each. A target is {key, server, path, headers}. Returns {key: {rps, p50, p99, cpu (s per request), runs}}.
 */
async function interleaved(targets, { warmup = WARMUP } = {}) {
  for (const t of targets) wrk({ url: t.server.url + t.path, connections: CONNECTIONS, seconds: warmup, headers: t.headers });
  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const t of targets) {
      const cpu0 = serverCpu(t.server);
      const w = wrk({ url: t.server.url + t.path, connections: CONNECTIONS, seconds: SECONDS, headers: t.headers });
      w.cpuPerReq = (serverCpu(t.server) - cpu0) / w.requests;
      delete w.raw;
      if (w.non2xx || w.errors) results.notes.push(`${t.key}: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
      runs[t.key].push(w);
      log(`  ${t.key.padEnd(22)} ${w.rps.toFixed(0).padStart(6)} req/s  p50 ${w.p50.toFixed(2)} ms  p99 ${w.p99.toFixed(2)} ms  cpu ${(w.cpuPerReq * 1e6).toFixed(0)} µs/req`);
    }
  }
  const out = {};
  for (const t of targets) {
    const m = (k) => median(runs[t.key].map((w) => w[k]));
    out[t.key] = { rps: m("rps"), p50: m("p50"), p99: m("p99"), cpu: m("cpuPerReq"), runs: runs[t.key] };
  }
  return out;
}

/** Interleaved runs at about RATE req/s (open loop, see fixedRate); returns {key: {p50, p99, rps}}. */
async function interleavedFixedRate(targets) {
  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const t of targets) {
      const a = await fixedRate(t.server.url + t.path, t.headers, RATE, SECONDS);
      delete a.raw;
      runs[t.key].push(a);
      log(`  ${t.key.padEnd(22)} @${RATE}/s: p50 ${a.p50.toFixed(2)} ms  p99 ${a.p99.toFixed(2)} ms  (${a.rps.toFixed(0)} req/s, ${a.non2xx} non-2xx)`);
    }
  }
  const out = {};
  for (const t of targets) {
    const m = (k) => median(runs[t.key].map((a) => a[k]));
    out[t.key] = { p50: m("p50"), p99: m("p99"), rps: m("rps"), runs: runs[t.key] };
    if (out[t.key].rps < 0.9 * RATE)
      results.notes.push(`${t.key} reached only ${out[t.key].rps.toFixed(0)} req/s in the ${RATE} req/s latency runs ` +
        `(each connection waits its delay after each response, so a slow server gets fewer requests): its latency there was measured at that rate`);
  }
  return out;
}

/** wrk at about `rate` req/s overall: each of the 64 connections waits a random 0.5–1.5 × (64 / rate) s between requests. */
async function fixedRate(url, headers, rate, seconds) {
  const meanMs = (CONNECTIONS * 1000) / rate;
  const lua = `math.randomseed(os.time())\nfunction delay() return math.floor(${meanMs} * (0.5 + math.random())) end\n`;
  return wrk({ url, connections: CONNECTIONS, seconds, headers, lua, tmpDir: tmp });
}

export function assignLua(pairs) {
  return `local paths = {${pairs.map(([c, a]) => `"/api/v1/team/assign/${c}?agent_id=${a}"`).join(",")}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", paths[(i % #paths) + 1])
end
`;
}

/** The postmaster of the PostgreSQL on `port` (its command line carries `-p PORT`), or null. */
export function postmasterPid(port) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (args[0].endsWith("/postgres") && args.includes("-p") && args[args.indexOf("-p") + 1] === String(port)) return Number(entry);
    } catch {} // exited meanwhile
  }
  return null;
}

/** A write load, with the CPU the server and PostgreSQL (all its processes) spent per request. */
function writeRun(sb, provider, label, lua, headers = {}) {
  const pgPid = provider === "postgres" ? postmasterPid(pg.port) : null;
  const s0 = serverCpu(sb), p0 = pgPid ? treeCpuSeconds(pgPid) : 0;
  const w = wrk({ url: sb.url + "/", connections: CONNECTIONS, seconds: SECONDS, headers, lua, tmpDir: tmp });
  const requests = Math.max(1, w.requests);
  w.serverCpuUs = ((serverCpu(sb) - s0) / requests) * 1e6;
  w.pgCpuUs = pgPid ? ((treeCpuSeconds(pgPid) - p0) / requests) * 1e6 : NaN;
  log(`  ${label.padEnd(10)} ${w.rps.toFixed(0).padStart(6)} req/s  p50 ${w.p50.toFixed(2)} ms  p99 ${w.p99.toFixed(2)} ms  server ${w.serverCpuUs.toFixed(0)} µs/req  PostgreSQL ${w.pgCpuUs.toFixed(0)} µs/req`);
  return w;
}

/** Each agent sets their own status, cycling live → away → offline, one agent after another. */
export function statusLua(agents, workspaceId) {
  const tokens = agents.map((a) => `"Bearer ${a.token}"`).join(",");
  return `local tokens = {${tokens}}
local statuses = {"live", "away", "offline"}
local i = 0
request = function()
  i = i + 1
  local t = tokens[(i % #tokens) + 1]
  local s = statuses[(math.floor(i / #tokens) % #statuses) + 1]
  return wrk.format("PATCH", "/api/v1/team/status",
    {["Authorization"] = t, ["Content-Type"] = "application/json", ["x-workspace-id"] = "${workspaceId}"},
    '{"status":"' .. s .. '"}')
end
`;
}

const WRITE_TARGET = 2000;
const ASSIGN_TARGET = 3000;

// wrk.format's headers replace the -H ones (Authorization, x-workspace-id) instead of adding to them: copy them.
const JSON_HEADERS_LUA = `local function json_headers()
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  h["Content-Type"] = "application/json"
  return h
end`;

/** Invites to fresh addresses (lite seats, so the plan never refuses): one per request, unique across wrk's threads and runs. */
export function inviteLua(run) {
  return `local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local i = 0
${JSON_HEADERS_LUA}
request = function()
  i = i + 1
  return wrk.format("POST", "/app/invites", json_headers(),
    '{"email":"bench-${run}-' .. tid .. '-' .. i .. '@example.com","seat":"lite"}')
end
`;
}

/** Seat changes: the agents go lite → full → lite …, one after another (a lite seat hands back open conversations). */
export function seatLua(members) {
  return `local members = {${members.map((m) => `"${m}"`).join(",")}}
local seats = {"lite", "full"}
local i = 0
${JSON_HEADERS_LUA}
request = function()
  i = i + 1
  local m = members[(i % #members) + 1]
  local s = seats[(math.floor(i / #members) % #seats) + 1]
  return wrk.format("PATCH", "/api/v1/team/members/" .. m, json_headers(), '{"seat":"' .. s .. '"}')
end
`;
}

/**
 * The writes of issue 30 on one node (PostgreSQL): assignment, invite creation, status change, seat change, each
 * run REPEATS times interleaved with the PingBack peer's members read. The peer serves no writes, so the reference
 * column is that read in the same cycles: it says how fast the machine was at that moment, and each ratio is
 * "this write against the peer's read". Each write also gets the server's and PostgreSQL's CPU per request.
 */
async function writesPhase() {
  const db = "bench_writes";
  const conn = freshDatabase("postgres", db);
  log("writes on postgres: starting Switchboard");
  // Invites limited per caller and per workspace by default (30 a minute, 500 mails a day on Pro): lifted here.
  const sb = await startSwitchboard("postgres", conn, {
    Invites__CreatePerMinute: "100000000", Invites__DailyMails__Pro: "100000000",
  });
  let peer = null;
  try {
    const seed = await seedWorkspace(sb.url, 100);
    psqlFile(pg, db, PEER_SEED_SQL);
    log("writes on postgres: starting the PingBack peer (uvicorn, 2 workers)");
    peer = await startPeer(db);
    const noHeader = { Authorization: seed.headers.Authorization };
    const pairs = [];
    for (let i = 0; i < 500; i++) pairs.push([seed.convs[i % seed.convs.length], seed.agents[(i + Math.floor(i / seed.convs.length)) % 5].id]);
    const owner = (method, path, body) => ({ method, path, body, headers: seed.headers });
    const writes = [
      { key: "assign", name: "POST /team/assign/{conversation_id}", lua: () => assignLua(pairs), headers: seed.headers, target: ASSIGN_TARGET,
        one: () => owner("POST", `/api/v1/team/assign/${pairs[0][0]}?agent_id=${pairs[0][1]}`) },
      { key: "status", name: "PATCH /team/status", lua: () => statusLua(seed.agents, seed.biz.id), headers: {}, target: WRITE_TARGET,
        one: () => ({ method: "PATCH", path: "/api/v1/team/status", body: { status: "live" },
          headers: { Authorization: `Bearer ${seed.agents[0].token}`, "x-workspace-id": seed.biz.id } }) },
      { key: "invite", name: "POST /app/invites (lite seat, new address)", lua: (r) => inviteLua(`${Date.now()}-${r}`), headers: seed.headers,
        one: () => owner("POST", "/app/invites", { email: `bench-drain-${Date.now()}@example.com`, seat: "lite" }) },
      // Last: it leaves agents on lite seats, which assignments refuse; the drain before each assignment window
      // gives every agent a full seat again.
      { key: "seat", name: "PATCH /team/members/{id} {seat}", lua: () => seatLua(seed.agents.map((a) => a.memberId)), headers: seed.headers,
        one: () => owner("PATCH", `/api/v1/team/members/${seed.agents[0].memberId}`, { seat: "full" }) },
    ];
    // wrk stops sending at the end of its window, but the server still holds what it accepted (up to 64 requests,
    // queued on the workspace lock for the exclusive writes): one request of the next kind, awaited, goes through
    // that backlog before the next window starts, so no window measures the previous write's tail.
    const send = async ({ method, path, body, headers }) => {
      const res = await fetch(sb.url + path, { method, headers: { ...headers, "content-type": "application/json", connection: "close" },
        body: body && JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
      await res.text();
    };
    const drain = async (w) => {
      const t0 = Date.now();
      await send(w.one());
      if (w.key === "assign")
        for (const a of seed.agents) await send(owner("PATCH", `/api/v1/team/members/${a.memberId}`, { seat: "full" }));
      if (Date.now() - t0 > 1000) log(`  (${w.key}: ${Date.now() - t0} ms for the previous window's backlog)`);
    };
    const peerRuns = [];
    const runs = Object.fromEntries(writes.map((w) => [w.key, []]));
    wrk({ url: peer.url + MEMBERS, connections: CONNECTIONS, seconds: WARMUP, headers: noHeader });
    for (const w of writes) {
      await drain(w);
      wrk({ url: sb.url + "/", connections: CONNECTIONS, seconds: 2, headers: w.headers, lua: w.lua("warm"), tmpDir: tmp });
    }
    for (let r = 0; r < REPEATS; r++) {
      const p = wrk({ url: peer.url + MEMBERS, connections: CONNECTIONS, seconds: SECONDS, headers: noHeader });
      log(`  ${"peer members".padEnd(10)} ${p.rps.toFixed(0).padStart(6)} req/s`);
      peerRuns.push(p.rps);
      for (const w of writes) {
        await drain(w);
        const run = writeRun(sb, "postgres", w.key, w.lua(r), w.headers);
        if (run.non2xx || run.errors) results.notes.push(`writes ${w.key}: ${run.non2xx} non-2xx, ${run.errors} socket errors`);
        runs[w.key].push(run);
      }
    }
    const peerRps = median(peerRuns);
    const g = "Writes, postgres, one node — reference: PingBack peer's GET /team/members in the same cycles (the peer serves no writes)";
    row(g, "  PingBack peer GET /team/members — req/s (the reference)", peerRps, peerRps);
    for (const w of writes) {
      const m = (k) => median(runs[w.key].map((x) => x[k]));
      const refused = runs[w.key].reduce((n, x) => n + x.non2xx + x.errors, 0);
      row(g, `${w.name} — req/s`, m("rps"), peerRps, {
        ...(w.target ? { target: `≥ ${w.target} req/s`, met: refused === 0 && m("rps") >= w.target } : {}),
        ...(refused ? { note: `${refused} answers not 2xx: not a measurement of the write` } : {}),
      });
      row(g, `  p50 / p99 @${CONNECTIONS} conns (ms)`, m("p50"), NaN, { higherIsBetter: false, note: `p99 ${m("p99").toFixed(1)} ms` });
      row(g, `  server / PostgreSQL CPU per request (µs)`, m("serverCpuUs"), NaN, { higherIsBetter: false, note: `PostgreSQL ${m("pgCpuUs").toFixed(0)} µs` });
    }
    results.writes = { peerRps, runs };
  } finally {
    await sb.stop();
    if (peer) await peer.stop();
  }
}

// ------------------------------------------------------------------ the 90/10 read/write mix

const MIX_TARGET = 20;

/**
 * wrk's requests of the mix: of every 10 on a connection's thread, 9 members reads and 1 assignment, the
 * assignments cycling `pairs`. Every request is formatted once in init() (with the -H Authorization header), so
 * wrk's Lua costs the same on both servers and as little as possible.
 */
export function mixLua(pairs) {
  return `local paths = {${pairs.map(([c, a]) => `"/api/v1/team/assign/${c}?agent_id=${a}"`).join(",")}}
local read, writes
local i, w = 0, 0
function init(args)
  read = wrk.format("GET", "${MEMBERS}")
  writes = {}
  for k, p in ipairs(paths) do writes[k] = wrk.format("POST", p) end
end
request = function()
  i = i + 1
  if i % 10 == 0 then
    w = w + 1
    return writes[(w % #writes) + 1]
  end
  return read
end
`;
}

/**
 * One POST to each server, side by side: `same` when the statuses agree and Switchboard's JSON object carries every
 * field of the peer's with the same value; `extra` names the fields only Switchboard's has (its refusals add `code`).
 */
async function sameAssignAnswer(sb, peer, path, headers) {
  const post = async (server) => {
    const res = await fetch(server.url + path, { method: "POST", headers: { ...headers, connection: "close" } });
    return { status: res.status, text: await res.text() };
  };
  const [a, b] = [await post(sb), await post(peer)];
  try {
    const [x, y] = [JSON.parse(a.text), JSON.parse(b.text)];
    const same = a.status === b.status && Object.keys(y).every((k) => JSON.stringify(x[k]) === JSON.stringify(y[k]));
    return { same, extra: Object.keys(x).filter((k) => !(k in y)), sb: a, peer: b };
  } catch {
    return { same: false, extra: [], sb: a, peer: b };
  }
}

/**
 * Issue 30's 90/10 read/write mix on one node (PostgreSQL): the same bearer token (no x-workspace-id, as PingBack's
 * clients call) sends 90 % GET /team/members and 10 % POST /team/assign/{conversation_id}?agent_id= (500
 * conversation/agent pairs over the seeded 100 conversations and 5 agents) to the peer and to Switchboard,
 * interleaved (peer, Switchboard, peer, …). Ratio = Switchboard's req/s ÷ the peer's. Every answer that is not 2xx
 * is counted and shown; a run with any is never "met". The peer does not emit conversation_assigned (no Socket.IO)
 * nor write an audit row; Switchboard does both.
 */
async function mixPhase() {
  const db = "bench_mix";
  const conn = freshDatabase("postgres", db);
  log("mix on postgres: starting Switchboard");
  const sb = await startSwitchboard("postgres", conn);
  let peer = null;
  try {
    const seed = await seedWorkspace(sb.url, 100);
    psqlFile(pg, db, PEER_SEED_SQL);
    log("mix on postgres: starting the PingBack peer (uvicorn, 2 workers)");
    peer = await startPeer(db);
    const noHeader = { Authorization: seed.headers.Authorization };
    await checkBodies("postgres", "mix, 6 members", { sb, base: sb, peer, headers: seed.headers, noHeader }, 6);

    // The assignment's answers side by side: a success, an agent who is not a member, an unknown conversation.
    const [conv, agent] = [seed.convs[0], seed.agents[0].id];
    for (const [what, path] of [
      ["assigned", `/api/v1/team/assign/${conv}?agent_id=${agent}`],
      ["agent not a member", `/api/v1/team/assign/${conv}?agent_id=${crypto.randomUUID()}`],
      ["unknown conversation", `/api/v1/team/assign/${crypto.randomUUID()}?agent_id=${agent}`],
    ]) {
      const a = await sameAssignAnswer(sb, peer, path, noHeader);
      const shown = (x) => `${x.status} ${x.text.slice(0, 120)}`;
      if (a.same) {
        log(`  assign, ${what}: peer = Switchboard (${shown(a.peer)})${a.extra.length ? `; Switchboard adds ${a.extra.join(", ")}` : ""}`);
        if (a.extra.length) results.notes.push(`mix: assign (${what}): same status and fields (${shown(a.peer)}); Switchboard's body adds ${a.extra.join(", ")}`);
      } else {
        results.notes.push(`mix: assign (${what}) answers differ — Switchboard ${shown(a.sb)}; peer ${shown(a.peer)}`);
        log(`WARNING: assign (${what}) differs: sb ${shown(a.sb)} / peer ${shown(a.peer)}`);
      }
    }

    const pairs = [];
    for (let i = 0; i < 500; i++) pairs.push([seed.convs[i % seed.convs.length], seed.agents[(i + Math.floor(i / seed.convs.length)) % 5].id]);
    const lua = mixLua(pairs);
    const targets = [{ key: "peer", server: peer }, { key: "switchboard", server: sb }];
    const runs = { peer: [], switchboard: [] };
    log(`mix (90 % members, 10 % assign), ${CONNECTIONS} connections, ${REPEATS}× ${SECONDS} s each, interleaved: peer, switchboard`);
    for (const t of targets) wrk({ url: t.server.url + "/", connections: CONNECTIONS, seconds: WARMUP, headers: noHeader, lua, tmpDir: tmp });
    for (let r = 0; r < REPEATS; r++) {
      for (const t of targets) {
        const w = writeRun(t.server, "postgres", t.key, lua, noHeader);
        if (w.non2xx || w.errors) results.notes.push(`mix ${t.key}: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
        delete w.raw;
        runs[t.key].push(w);
      }
    }
    const m = (key, k) => median(runs[key].map((w) => w[k]));
    const refused = (key) => runs[key].reduce((n, w) => n + w.non2xx + w.errors, 0);
    const g = "90/10 mix (GET /team/members, POST /team/assign), postgres, one node — reference: PingBack peer " +
      "(FastAPI + asyncpg, 2 uvicorn workers), the same mix, no x-workspace-id";
    const [sbRps, peerRps] = [m("switchboard", "rps"), m("peer", "rps")];
    const notes = [refused("switchboard") && `Switchboard: ${refused("switchboard")} not 2xx`, refused("peer") && `peer: ${refused("peer")} not 2xx`].filter(Boolean);
    row(g, "90 % reads / 10 % assignments — req/s", sbRps, peerRps, {
      target: `≥ ${MIX_TARGET}× peer`, met: refused("switchboard") === 0 && refused("peer") === 0 && sbRps >= MIX_TARGET * peerRps,
      ...(notes.length ? { note: `${notes.join(", ")}: not a measurement of the mix` } : {}),
    });
    row(g, `  p50 latency @${CONNECTIONS} conns, saturated (ms)`, m("switchboard", "p50"), m("peer", "p50"), { higherIsBetter: false });
    row(g, `  p99 latency @${CONNECTIONS} conns, saturated (ms)`, m("switchboard", "p99"), m("peer", "p99"), { higherIsBetter: false });
    row(g, "  server CPU per request (µs)", m("switchboard", "serverCpuUs"), m("peer", "serverCpuUs"), { higherIsBetter: false });
    row(g, "  PostgreSQL CPU per request (µs)", m("switchboard", "pgCpuUs"), m("peer", "pgCpuUs"), { higherIsBetter: false });
    results.mix = runs;
  } finally {
    await sb.stop();
    if (peer) await peer.stop();
  }
}

const PEER_GROUP = (what) => `${what} — reference: PingBack peer (FastAPI + asyncpg, 2 uvicorn workers), GET /team/members, no x-workspace-id`;
const BASE_GROUP = (what) => `${what} — reference: bench/Baseline (ADO.NET), x-workspace-id`;
const MEMBERS_TARGET = 25, SCALE_TARGET = 4, OTHER_TARGET = 5, P99_TARGET_MS = 5, CPU_TARGET_US = 60;

/** The members targets of one interleaved cycle: peer, Switchboard (no header), Switchboard (header), baseline. */
function membersTargets(s) {
  return [
    ...(s.peer ? [{ key: "peer", server: s.peer, path: MEMBERS, headers: s.noHeader },
                  { key: "switchboard-no-header", server: s.sb, path: MEMBERS, headers: s.noHeader }] : []),
    { key: "switchboard", server: s.sb, path: MEMBERS, headers: s.headers },
    { key: "baseline", server: s.base, path: MEMBERS, headers: s.headers },
  ];
}

async function restPhase(provider) {
  const db = `bench_rest_${provider}`;
  const conn = freshDatabase(provider, db);
  const withPeer = provider === "postgres";
  log(`REST on ${provider}: starting Switchboard and the baseline`);
  const sb = await startSwitchboard(provider, conn);
  const base = await startBaseline(provider, conn);
  let peer = null;
  try {
    const seed = await seedWorkspace(sb.url, 100);
    const noHeader = { Authorization: seed.headers.Authorization };
    if (withPeer) {
      // The peer's own tables, a copy of what Switchboard now holds; then the peer itself.
      psqlFile(pg, db, PEER_SEED_SQL);
      log(`REST on ${provider}: starting the PingBack peer (uvicorn, 2 workers)`);
      peer = await startPeer(db);
    }
    const s = { sb, base, peer, headers: seed.headers, noHeader };
    await checkBodies(provider, "6 members", s, 6);

    if (phases.has("rest")) {
      const others = [];
      if (withPeer) {
        // Switchboard's other reads, each against the peer's members route of the same cycle.
        for (const [key, path, headers] of [["sb /app/members", "/app/members", seed.headers],
          ["sb /api/v1/billing", "/api/v1/billing", noHeader], ["sb /api/v1/team/routing", "/api/v1/team/routing", noHeader]]) {
          const res = await getBody(sb, path, headers);
          if (res.status !== 200) results.notes.push(`${key}: answered ${res.status} ${res.text.slice(0, 200)}; not measured`);
          else others.push({ key, server: sb, path, headers });
        }
      }
      const targets = membersTargets(s);
      log(`members (6) on ${provider}, ${CONNECTIONS} connections, ${REPEATS}× ${SECONDS} s each, interleaved: ${[...targets, ...others].map((t) => t.key).join(", ")}`);
      const r = await interleaved([...targets, ...others]);
      const f = await interleavedFixedRate(targets);
      results[`rest_${provider}`] = { saturated: r, fixedRate: f };

      if (withPeer) {
        const g = PEER_GROUP(`REST, ${provider}`);
        const p = r.peer.rps;
        const vsPeer = (name, v, target) => row(g, name, v, p, { target: `≥ ${target}× peer`, met: v >= target * p });
        vsPeer("GET /team/members (6 members), no header — req/s", r["switchboard-no-header"].rps, MEMBERS_TARGET);
        vsPeer("GET /team/members (6 members), x-workspace-id — req/s", r.switchboard.rps, MEMBERS_TARGET);
        row(g, "  bench/Baseline (ADO.NET), x-workspace-id — req/s", r.baseline.rps, p);
        for (const o of others) vsPeer(`GET ${o.path}${o.headers === noHeader ? ", no header" : ", x-workspace-id"} — req/s`, r[o.key].rps, OTHER_TARGET);
        const cpu = (name, v, target) => row(g, name, v * 1e6, r.peer.cpu * 1e6,
          { higherIsBetter: false, ...(target ? { target: `≤ ${target} µs`, met: v * 1e6 <= target } : {}) });
        cpu("server CPU per members request, no header (µs)", r["switchboard-no-header"].cpu, CPU_TARGET_US);
        cpu("server CPU per members request, x-workspace-id (µs)", r.switchboard.cpu, CPU_TARGET_US);
        cpu("  bench/Baseline server CPU per request (µs)", r.baseline.cpu);
        const lat = (name, v, ref, target) => row(g, name, v, ref,
          { higherIsBetter: false, ...(target ? { target: `< ${target} ms`, met: v < target } : {}) });
        lat(`p50 latency @${RATE} req/s, ${CONNECTIONS} conns, no header (ms)`, f["switchboard-no-header"].p50, f.peer.p50);
        lat(`p99 latency @${RATE} req/s, ${CONNECTIONS} conns, no header (ms)`, f["switchboard-no-header"].p99, f.peer.p99, P99_TARGET_MS);
        lat(`p50 latency @${RATE} req/s, ${CONNECTIONS} conns, x-workspace-id (ms)`, f.switchboard.p50, f.peer.p50);
        lat(`p99 latency @${RATE} req/s, ${CONNECTIONS} conns, x-workspace-id (ms)`, f.switchboard.p99, f.peer.p99, P99_TARGET_MS);
        lat(`  bench/Baseline p99 latency @${RATE} req/s (ms)`, f.baseline.p99, f.peer.p99);
      }

      const group = withPeer ? BASE_GROUP(`REST, ${provider}`) : `REST, ${provider}`;
      row(group, `GET /team/members (6 members) — req/s`, r.switchboard.rps, r.baseline.rps,
        { target: "≥ 60 % of baseline", met: r.switchboard.rps >= 0.6 * r.baseline.rps });
      row(group, `  p50 latency @${CONNECTIONS} conns, saturated (ms)`, r.switchboard.p50, r.baseline.p50, { higherIsBetter: false });
      row(group, `  p99 latency @${CONNECTIONS} conns, saturated (ms)`, r.switchboard.p99, r.baseline.p99, { higherIsBetter: false });
      row(group, `  server CPU per request (µs)`, r.switchboard.cpu * 1e6, r.baseline.cpu * 1e6, { higherIsBetter: false });
      row(group, `  p50 latency @${RATE} req/s, ${CONNECTIONS} conns (ms)`, f.switchboard.p50, f.baseline.p50, { higherIsBetter: false });
      row(group, `  p99 latency @${RATE} req/s, ${CONNECTIONS} conns (ms)`, f.switchboard.p99, f.baseline.p99, {
        higherIsBetter: false,
        ...(provider === "postgres" ? { target: "< 10 ms", met: f.switchboard.p99 < 10 } : {}),
      });

      // Assignments: the same conversations go round the 5 agents.
      const pairs = [];
      for (let i = 0; i < 500; i++) pairs.push([seed.convs[i % seed.convs.length], seed.agents[(i + Math.floor(i / seed.convs.length)) % 5].id]);
      const lua = assignLua(pairs);
      wrk({ url: sb.url + "/", connections: CONNECTIONS, seconds: 2, headers: seed.headers, lua, tmpDir: tmp });
      const runs = [];
      for (let r2 = 0; r2 < REPEATS; r2++) {
        const w = writeRun(sb, provider, "assign", lua, seed.headers);
        if (w.non2xx || w.errors) results.notes.push(`assign ${provider}: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
        runs.push(w);
      }
      row(group, `POST /team/assign — req/s (no baseline)`, median(runs.map((w) => w.rps)), NaN,
        provider === "postgres" ? { target: `≥ ${WRITE_TARGET} req/s`, met: median(runs.map((w) => w.rps)) >= WRITE_TARGET } : {});
      row(group, `  p50 / p99 @${CONNECTIONS} conns (ms)`, median(runs.map((w) => w.p50)), NaN,
        { higherIsBetter: false, note: `p99 ${median(runs.map((w) => w.p99)).toFixed(1)} ms` });
      row(group, `  server / PostgreSQL CPU per assignment (µs)`, median(runs.map((w) => w.serverCpuUs)), NaN,
        { higherIsBetter: false, note: `PostgreSQL ${median(runs.map((w) => w.pgCpuUs)).toFixed(0)} µs` });

      // Status changes: every request really changes the agent's status (and raises agent_status_changed).
      const statusScript = statusLua(seed.agents, seed.biz.id);
      wrk({ url: sb.url + "/", connections: CONNECTIONS, seconds: 2, headers: {}, lua: statusScript, tmpDir: tmp });
      const statusRuns = [];
      for (let r2 = 0; r2 < REPEATS; r2++) {
        const w = writeRun(sb, provider, "status", statusScript);
        if (w.non2xx || w.errors) results.notes.push(`status ${provider}: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
        statusRuns.push(w);
      }
      const statusRps = median(statusRuns.map((w) => w.rps));
      row(group, `PATCH /team/status — req/s (no baseline)`, statusRps, NaN,
        provider === "postgres" ? { target: `≥ ${WRITE_TARGET} req/s`, met: statusRps >= WRITE_TARGET } : {});
      row(group, `  p50 / p99 @${CONNECTIONS} conns (ms)`, median(statusRuns.map((w) => w.p50)), NaN,
        { higherIsBetter: false, note: `p99 ${median(statusRuns.map((w) => w.p99)).toFixed(1)} ms` });
      row(group, `  server / PostgreSQL CPU per status change (µs)`, median(statusRuns.map((w) => w.serverCpuUs)), NaN,
        { higherIsBetter: false, note: `PostgreSQL ${median(statusRuns.map((w) => w.pgCpuUs)).toFixed(0)} µs` });
    }
    if (phases.has("scale")) {
      // 1× is the 6-member workspace above; 10× = 60, 100× = 600 members (agents added past the plan's limit).
      let have = 6;
      const peerRows = [], baseRows = [];
      for (const size of [60, 600]) {
        seedMembers(provider, conn, seed.biz.id, size - have, join(tmp, `tokens-${provider}-${size}.json`));
        have = size;
        if (peer) psqlFile(pg, db, PEER_SEED_SQL);
        await checkBodies(provider, `${size} members`, s, size);
        log(`members (${size}) on ${provider}`);
        const r = await interleaved(membersTargets(s), { warmup: 2 });
        results[`scale_${provider}_${size}`] = r;
        const label = `${size} members (${size / 6}×)`;
        if (peer) {
          for (const [key, how] of [["switchboard-no-header", "no header"], ["switchboard", "x-workspace-id"]])
            peerRows.push([`${label}, ${how} — req/s`, r[key].rps, r.peer.rps, { target: `≥ ${SCALE_TARGET}× peer`, met: r[key].rps >= SCALE_TARGET * r.peer.rps }]);
          peerRows.push([`  bench/Baseline (ADO.NET) — req/s`, r.baseline.rps, r.peer.rps]);
          peerRows.push([`  server CPU per request, no header (µs)`, r["switchboard-no-header"].cpu * 1e6, r.peer.cpu * 1e6, { higherIsBetter: false }]);
        }
        baseRows.push([`${label} — req/s`, r.switchboard.rps, r.baseline.rps]);
        baseRows.push([`  p99 @${CONNECTIONS} conns (ms)`, r.switchboard.p99, r.baseline.p99, { higherIsBetter: false }]);
      }
      for (const x of peerRows) row(PEER_GROUP(`Scale: members list, ${provider}`), ...x);
      for (const x of baseRows) row(peer ? BASE_GROUP(`Scale: members list, ${provider}`) : `Scale: members list, ${provider}`, ...x);
    }
  } finally {
    await sb.stop();
    await base.stop();
    if (peer) await peer.stop();
  }
}

// ------------------------------------------------------------------ REST on a two-node cluster

const CLUSTER_SCRIPT = join(root, "scripts/cluster");
const CLUSTER_DIR = join(tmp, "cluster");
const CLUSTER_TARGET = 20;
const WORKERS_VARIANT = "auto"; // nginx's guidance; the template has 1 (deploy/nginx.conf says why)
const run = promisify(execFile);
/** The environment scripts/cluster runs with while our cluster may be up (the signal handlers clean it up). */
let clusterEnv = null;

async function clusterCtl(env, ...args) {
  try {
    const { stdout, stderr } = await run(CLUSTER_SCRIPT, args, { env, timeout: 300_000, maxBuffer: 10_000_000 });
    return stdout + stderr;
  } catch (error) {
    throw new Error(`scripts/cluster ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
}

/** Stops the cluster and deletes its state (PostgreSQL's data included); synchronous, for the signal handlers too. */
function cleanClusterSync(env) {
  try {
    execFileSync(CLUSTER_SCRIPT, ["clean"], { env, stdio: ["ignore", "ignore", "inherit"], timeout: 120_000 });
  } catch (error) {
    log(`scripts/cluster clean failed: ${error.message}`);
  }
}

/** cluster.env: KEY=VALUE lines (printf %q quoting), as tests/e2e/cluster/cluster.mjs reads them. */
function clusterState(dir) {
  const state = {};
  for (const line of readFileSync(join(dir, "cluster.env"), "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) state[line.slice(0, at)] = line.slice(at + 1).replace(/\\(.)/g, "$1");
  }
  return state;
}

const nginxBin = () => (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");
const pidFile = (file) => Number(readFileSync(file, "utf8").trim());

/**
 * A second nginx in front of the same two nodes: the cluster's own nginx.conf (as scripts/cluster generated it
 * from deploy/nginx.conf) with `ip_hash` removed, so nginx's default round robin spreads requests over both
 * nodes, on its own port and state folder (`folder` under the cluster's). Everything else (workers, keep-alive
 * to the nodes, headers, access log) is the cluster's, unless `workers` replaces worker_processes. Needed because
 * ip_hash keys on the client address and every wrk connection comes from 127.0.0.1.
 */
async function startRoundRobinNginx(dir, folder, { workers } = {}) {
  const conf = readFileSync(join(dir, "nginx/nginx.conf"), "utf8");
  const stateDir = /^pid\s+(\S+)\/nginx\.pid;/m.exec(conf)?.[1];
  const listen = /^\s*listen\s+(\S+);/m.exec(conf)?.[1];
  if (!stateDir || !listen || !/^\s*ip_hash;/m.test(conf) || !/^worker_processes\s+\S+;/m.test(conf))
    throw new Error(`unexpected cluster nginx.conf:\n${conf}`);
  const rrDir = join(dir, folder);
  mkdirSync(rrDir, { recursive: true });
  const port = await freePort();
  let text = conf.split(`${stateDir}/`).join(`${rrDir}/`)
    .replace(/^(\s*)ip_hash;/m, "$1# ip_hash removed by bench/load/bench.mjs: round robin (every wrk connection comes from 127.0.0.1)")
    .replace(`listen ${listen};`, `listen 127.0.0.1:${port};`);
  if (workers) text = text.replace(/^worker_processes\s+\S+;/m, `worker_processes ${workers};   # bench/load/bench.mjs: the template's is 1`);
  writeFileSync(join(rrDir, "nginx.conf"), text);
  execFileSync(nginxBin(), ["-e", join(rrDir, "nginx-error.log"), "-p", rrDir, "-c", join(rrDir, "nginx.conf")],
    { stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch {}
    if (Date.now() > deadline) throw new Error(`the round-robin nginx does not answer on ${url}`);
    await sleep(100);
  }
  const pid = pidFile(join(rrDir, "nginx.pid"));
  return {
    name: `nginx (round robin${workers ? `, worker_processes ${workers}` : ""})`, url, pid,
    async stop() {
      try { process.kill(pid, "SIGQUIT"); } catch { return; }
      for (let i = 0; i < 50; i++) {
        try { process.kill(pid, 0); } catch { return; }
        await sleep(100);
      }
      try { process.kill(pid, "SIGKILL"); } catch {}
    },
  };
}

/** A wrk script that counts responses by their X-Switchboard-Node header and prints "node <name> <count>" lines. */
const NODE_COUNT_LUA = `local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body)
  local node = "(none)"
  for k, v in pairs(headers) do
    if string.lower(k) == "x-switchboard-node" then node = v end
  end
  counts[node] = (counts[node] or 0) + 1
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    for node, n in pairs(t:get("counts")) do io.write("node ", node, " ", n, "\\n") end
  end
end
`;

/** Responses per node for `seconds` of wrk -c64 through `url`: {node1: n, node2: n, ...}. Not a measured run. */
async function responsesPerNode(url, headers, seconds = 2) {
  const w = await wrkAsync({ url: url + MEMBERS, connections: CONNECTIONS, seconds, headers, lua: NODE_COUNT_LUA, tmpDir: tmp });
  const counts = {};
  for (const [, node, n] of w.raw.matchAll(/^node (\S+) (\d+)$/gm)) counts[node] = (counts[node] ?? 0) + Number(n);
  return counts;
}

const share = (counts, node) => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return total ? (100 * (counts[node] ?? 0)) / total : NaN;
};

/**
 * The issue's "the same with Redis:Configuration set (two nodes behind the cluster's nginx, load spread over both):
 * ≥ 4× the peer on the same two cores". scripts/cluster starts PostgreSQL, Redis, two nodes (Cluster:NodeId
 * node1/node2, so every response names its node) and nginx; the workspace is seeded through nginx; the peer reads
 * its copy of the tables in the cluster's database. Each repeat runs, in turn: the peer, Switchboard through nginx
 * without the header, with it, through an nginx with `worker_processes auto` (the template has 1), and both nodes
 * directly (two wrk at once, 32 connections each, no nginx).
 */
async function clusterPhase() {
  if (existsSync(join(CLUSTER_DIR, "cluster.env"))) {
    log(`cluster: a previous run's cluster state is in ${CLUSTER_DIR}; cleaning it first`);
    cleanClusterSync({ ...process.env, SWITCHBOARD_CLUSTER_DIR: CLUSTER_DIR });
  }
  // Ports away from the defaults of a developer's own `scripts/cluster start` and of the tests' clusters, and
  // below Linux's ephemeral range (32768+), where wrk's many client sockets could hold the port PostgreSQL wants.
  const base = 20000 + Math.floor(Math.random() * 12000);
  const env = {
    ...process.env,
    SWITCHBOARD_CLUSTER_DIR: CLUSTER_DIR,
    SWITCHBOARD_CLUSTER_PORT: String(base),
    SWITCHBOARD_CLUSTER_PG_PORT: String(base + 10),
    SWITCHBOARD_CLUSTER_REDIS_PORT: String(base + 20),
    // The build of scripts/bench (Release, in .tmp/bench/artifacts), not src/Switchboard/bin.
    SWITCHBOARD_CLUSTER_DLL: dll("Switchboard"),
    // The nodes get the single-node runs' settings (see startSwitchboard and bench/README.md).
    ASPNETCORE_ENVIRONMENT: "Production",
    Security__PasswordHasher__IterationCount: "1000",
    RateLimits__Login__PerIpPerMinute: "100000",
    RateLimits__Register__PerIpPerHour: "100000",
    RateLimits__VerifyEmail__PerIpPerHour: "100000",
    RateLimits__BusinessCreate__PerIpPerHour: "100000",
    Logging__LogLevel__Default: "Warning",
  };
  log(`cluster: scripts/cluster start (PostgreSQL, Redis, 2 nodes, nginx) in ${CLUSTER_DIR.slice(root.length + 1)}`);
  clusterEnv = env;
  let peer = null, rr = null, rrWorkers = null;
  try {
    await clusterCtl(env, "start");
    const state = clusterState(CLUSTER_DIR);
    const clusterPg = { host: "127.0.0.1", port: Number(state.PG_PORT) };
    const nodePids = [Number(state.NODE1_PID), Number(state.NODE2_PID)];
    const front = { name: "cluster nginx", url: state.CLUSTER_URL };
    const nodes = [{ name: "node1", url: state.NODE1_URL }, { name: "node2", url: state.NODE2_URL }];
    log(`cluster: nginx ${front.url}, node1 ${nodes[0].url} (pid ${nodePids[0]}), node2 ${nodes[1].url} (pid ${nodePids[1]}), ` +
      `PostgreSQL :${state.PG_PORT}, Redis :${state.REDIS_PORT}`);

    log("cluster: seeding 6 members and 100 conversations through nginx");
    const seed = await seedWorkspace(front.url, 100, join(CLUSTER_DIR, "mail"));
    const noHeader = { Authorization: seed.headers.Authorization };
    psqlFile(clusterPg, "switchboard", PEER_SEED_SQL);
    log("cluster: starting the PingBack peer (uvicorn, 2 workers) on the cluster's PostgreSQL");
    peer = await startPeer("switchboard", clusterPg);

    // Does the cluster's nginx spread wrk's 64 connections? ip_hash keys on the client address, 127.0.0.1 for all.
    const pinned = await responsesPerNode(front.url, noHeader);
    log(`cluster: responses per node through the cluster's nginx (ip_hash): ${JSON.stringify(pinned)}`);
    let via = front, how = "the cluster's nginx (ip_hash)";
    if (!(share(pinned, "node1") >= 25 && share(pinned, "node2") >= 25)) {
      rr = await startRoundRobinNginx(CLUSTER_DIR, "nginx-rr");
      via = rr;
      how = "a round-robin copy of the cluster's nginx";
      results.notes.push("cluster: the cluster's nginx (ip_hash) sent every wrk connection to one node " +
        `(${Object.entries(pinned).map(([k, v]) => `${k} ${v}`).join(", ")} responses in 2 s): all of them come from ` +
        "127.0.0.1. The \"via nginx\" rows go through a second nginx started from the cluster's own nginx.conf " +
        "with ip_hash removed (round robin, everything else the same), in front of the same two nodes.");
    }
    const spread = await responsesPerNode(via.url, noHeader);
    log(`cluster: responses per node through ${how}: ${JSON.stringify(spread)}`);
    const nginxPid = via === front ? pidFile(join(CLUSTER_DIR, "nginx/nginx.pid")) : rr.pid;
    // For context, in the same cycles: the same front with one worker per core (nginx's guidance; the template has 1).
    rrWorkers = await startRoundRobinNginx(CLUSTER_DIR, "nginx-rr-workers", { workers: WORKERS_VARIANT });

    // Bodies: the peer's = Switchboard's through nginx (no header) = with the header = each node's own.
    const viaServer = { name: via.name, url: via.url };
    const checks = [
      ["the peer", peer, noHeader, viaServer, noHeader],
      [`${via.name} with x-workspace-id`, viaServer, seed.headers, viaServer, noHeader],
      ["node1", nodes[0], noHeader, viaServer, noHeader],
      ["node2", nodes[1], noHeader, viaServer, noHeader],
    ];
    for (const [what, a, aHeaders, b, bHeaders] of checks) {
      const [x, y] = [await getBody(a, MEMBERS, aHeaders), await getBody(b, MEMBERS, bHeaders)];
      if (x.status === 200 && x.text === y.text) continue;
      const same = x.status === 200 && sameMembers(x.text, y.text);
      results.notes.push(`cluster: ${what}'s body ${same ? "has the same members and fields as, but not the same bytes as" : "differs from"} ` +
        `Switchboard's through nginx without the header\n  ${what}: ${x.status} ${x.text.slice(0, 300)}\n  nginx: ${y.text.slice(0, 300)}`);
      log(`WARNING: cluster body check: ${what} differs`);
    }
    log(`  cluster: bodies checked (peer, nginx with and without the header, node1, node2: ${JSON.parse((await getBody(viaServer, MEMBERS, noHeader)).text).length} members)`);

    const half = CONNECTIONS / 2;
    const targets = [
      { key: "peer", run: (s) => wrkAsync({ url: peer.url + MEMBERS, connections: CONNECTIONS, seconds: s, headers: noHeader }) },
      { key: "nginx-no-header", run: (s) => wrkAsync({ url: via.url + MEMBERS, connections: CONNECTIONS, seconds: s, headers: noHeader }) },
      { key: "nginx-header", run: (s) => wrkAsync({ url: via.url + MEMBERS, connections: CONNECTIONS, seconds: s, headers: seed.headers }) },
      { key: "nginx-workers-no-header", nginxPid: rrWorkers.pid,
        run: (s) => wrkAsync({ url: rrWorkers.url + MEMBERS, connections: CONNECTIONS, seconds: s, headers: noHeader }) },
      {
        key: "direct-no-header",
        run: async (s) => {
          const ws = await Promise.all(nodes.map((n) => wrkAsync({ url: n.url + MEMBERS, connections: half, seconds: s, headers: noHeader })));
          const sum = (k) => ws.reduce((a, w) => a + w[k], 0);
          // Two latency distributions cannot be merged from wrk's percentiles: the worse node's.
          return { rps: sum("rps"), requests: sum("requests"), non2xx: sum("non2xx"), errors: sum("errors"),
            p50: Math.max(...ws.map((w) => w.p50)), p99: Math.max(...ws.map((w) => w.p99)), perNode: ws.map((w) => w.requests) };
        },
      },
    ];
    const cpuNow = (t) => ({
      node1: treeCpuSeconds(nodePids[0]), node2: treeCpuSeconds(nodePids[1]),
      nginx: treeCpuSeconds(t.nginxPid ?? nginxPid), peer: treeCpuSeconds(peer.pid),
    });
    log(`cluster: members (6), ${CONNECTIONS} connections, ${REPEATS}× ${SECONDS} s each, interleaved: ${targets.map((t) => t.key).join(", ")}`);
    for (const t of targets) await t.run(WARMUP);
    const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
    for (let r = 0; r < REPEATS; r++) {
      for (const t of targets) {
        const c0 = cpuNow(t);
        const w = await t.run(SECONDS);
        const c1 = cpuNow(t);
        const d = Object.fromEntries(Object.keys(c0).map((k) => [k, c1[k] - c0[k]]));
        w.nodesCpu = (d.node1 + d.node2) / w.requests;
        w.nginxCpu = d.nginx / w.requests;
        w.peerCpu = d.peer / w.requests;
        w.node1Share = (100 * d.node1) / (d.node1 + d.node2);
        delete w.raw;
        if (w.non2xx || w.errors) results.notes.push(`cluster ${t.key}: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
        runs[t.key].push(w);
        const cpu = t.key === "peer" ? `peer ${(w.peerCpu * 1e6).toFixed(0)} µs/req`
          : `nodes ${(w.nodesCpu * 1e6).toFixed(0)} µs/req (node1 ${w.node1Share.toFixed(0)} %)` +
            (t.key.startsWith("nginx") ? `, nginx ${(w.nginxCpu * 1e6).toFixed(0)} µs/req` : "");
        log(`  ${t.key.padEnd(26)} ${w.rps.toFixed(0).padStart(6)} req/s  p50 ${w.p50.toFixed(2)} ms  p99 ${w.p99.toFixed(2)} ms  ${cpu}`);
      }
    }
    const m = (key, k) => median(runs[key].map((w) => w[k]));
    results.cluster = { via: how, pinned, spread, runs };

    const g = PEER_GROUP("REST, postgres, cluster: 2 nodes + Redis behind nginx");
    const p = m("peer", "rps");
    for (const [key, how2] of [["nginx-no-header", "no header"], ["nginx-header", "x-workspace-id"]])
      row(g, `GET /team/members (6 members) via nginx, ${how2} — req/s`, m(key, "rps"), p,
        { target: `≥ ${CLUSTER_TARGET}× peer`, met: m(key, "rps") >= CLUSTER_TARGET * p });
    row(g, `  via nginx with worker_processes ${WORKERS_VARIANT} (template: 1), no header — req/s`, m("nginx-workers-no-header", "rps"), p);
    row(g, `  both nodes directly (2 wrk × ${half} conns, no nginx), no header — req/s`, m("direct-no-header", "rps"), p);
    const us = (v) => v * 1e6;
    const peerCpu = us(m("peer", "peerCpu"));
    row(g, "server CPU per members request, both nodes, no header (µs)", us(m("nginx-no-header", "nodesCpu")), peerCpu, { higherIsBetter: false });
    row(g, "server CPU per members request, both nodes, x-workspace-id (µs)", us(m("nginx-header", "nodesCpu")), peerCpu, { higherIsBetter: false });
    row(g, "  nginx CPU per request, no header (µs)", us(m("nginx-no-header", "nginxCpu")), NaN, { higherIsBetter: false });
    row(g, "  both nodes + nginx per request, no header (µs)", us(median(runs["nginx-no-header"].map((w) => w.nodesCpu + w.nginxCpu))), peerCpu, { higherIsBetter: false });
    row(g, `  both nodes per request, via nginx with worker_processes ${WORKERS_VARIANT}, no header (µs)`, us(m("nginx-workers-no-header", "nodesCpu")), peerCpu, { higherIsBetter: false });
    row(g, `  nginx per request, with worker_processes ${WORKERS_VARIANT}, no header (µs)`, us(m("nginx-workers-no-header", "nginxCpu")), NaN, { higherIsBetter: false });
    row(g, "  both nodes per request, directly, no header (µs)", us(m("direct-no-header", "nodesCpu")), peerCpu, { higherIsBetter: false });
    const n1 = m("nginx-no-header", "node1Share");
    row(g, "  node1's share of the nodes' CPU via nginx, no header (%)", n1, NaN, { note: `node2 ${(100 - n1).toFixed(0)} %` });
    const total = (c) => Object.values(c).reduce((a, b) => a + b, 0);
    row(g, `  responses from node1 via ${via === front ? "nginx" : "the round-robin nginx"}, 2 s check (%)`, share(spread, "node1"), NaN,
      { note: `node2 ${share(spread, "node2").toFixed(0)} % of ${total(spread).toLocaleString("en")}` });
    if (via !== front)
      row(g, "  responses from node1 via the cluster's nginx (ip_hash), 2 s check (%)", share(pinned, "node1"), NaN,
        { note: `node2 ${share(pinned, "node2").toFixed(0)} % of ${total(pinned).toLocaleString("en")}` });
    row(g, `  p99 latency @${CONNECTIONS} conns, saturated, via nginx, no header (ms)`, m("nginx-no-header", "p99"), m("peer", "p99"), { higherIsBetter: false });
  } finally {
    if (peer) await peer.stop();
    if (rr) await rr.stop();
    if (rrWorkers) await rrWorkers.stop();
    for (const n of [1, 2]) {
      try { copyFileSync(join(CLUSTER_DIR, `node${n}.log`), join(tmp, `cluster-node${n}.log`)); } catch {}
    }
    log("cluster: scripts/cluster clean");
    cleanClusterSync(env);
    clusterEnv = null;
  }
}

// ------------------------------------------------------------------ realtime: memory

async function closeAll(workers) {
  await Promise.all(workers.map((w) => w.close()));
}

/** Forks `procs` raw.mjs processes and opens `count` sessions spread over them. */
async function rawClients(url, count, { procs, transport = "websocket", concurrency = 200, room } = {}) {
  const n = procs ?? Math.max(1, Math.ceil(count / 2500));
  const workers = Array.from({ length: n }, () => forkRaw(here));
  const done = await Promise.all(workers.map((w, i) =>
    w.connect({ url, count: Math.floor(count / n) + (i < count % n ? 1 : 0), transport, concurrency, room })));
  return {
    workers,
    connected: done.reduce((a, d) => a + d.connected, 0),
    failed: done.reduce((a, d) => a + d.failed, 0),
    ms: Math.max(...done.map((d) => d.ms)),
    hist: mergeHists(done.map((d) => d.hist)),
  };
}

const clientsCpu = (workers) => workers.reduce((a, w) => { try { return a + cpuSeconds(w.pid); } catch { return a; } }, 0);

/** A full GC in the server (GET /gc: GC.Collect aggressive / global.gc()), then its RSS once it settled. */
async function rssAfterGc(server) {
  await fetch(`${server.url}/gc`).then((r) => r.text());
  await sleep(1500);
  await fetch(`${server.url}/gc`).then((r) => r.text());
  await sleep(500);
  return rssBytes(server.pid);
}

const POLLING = Number(process.env.BENCH_POLLING ?? 2000);

// The memory phase runs bench/SioServer with workstation GC (DOTNET_gcServer=0), the setting the package README
// recommends for a server that mostly holds idle connections: Server GC (the ASP.NET Core default) leaves several
// KiB per connection of dead handshake objects uncollected at the reading. BENCH_SIO_MEMORY_GC=server measures the
// default instead. The other phases keep the default.
const SIO_MEMORY_GC = process.env.BENCH_SIO_MEMORY_GC ?? "workstation";
const SIO_MEMORY_ENV = SIO_MEMORY_GC === "server" ? {} : { DOTNET_gcServer: "0" };

/**
 * One server: idle RSS (after a warm-up of 200 sockets and a full GC), RSS with 10,000 idle websocket sessions,
 * RSS after they all left (full GC), then the same for POLLING idle long-polling sessions (one GET parked each).
 */
async function memoryRun(kind, count) {
  const server = await startSio(kind, kind === "dotnet" ? SIO_MEMORY_ENV : {});
  try {
    const warm = await rawClients(server.url, 200, { procs: 1 });
    await closeAll(warm.workers);
    await sleep(1000);
    const idle = await rssAfterGc(server);
    const c = await rawClients(server.url, count);
    await sleep(3000);
    const samples = [];
    for (let i = 0; i < 3; i++) { samples.push(rssBytes(server.pid)); await sleep(700); }
    const after = median(samples);
    await closeAll(c.workers);
    // "After all clients leave" is read after the same quiet 12 s on both servers: long enough for Kestrel's memory
    // pool to give back the blocks it no longer uses (it evicts idle blocks on a 10 s timer since .NET 10), as it
    // will on a server whose clients left; 3 s (until 2026-12-07) read it before the first eviction.
    await sleep(12_000);
    const left = await rssAfterGc(server);
    const p = await rawClients(server.url, POLLING, { procs: 1, transport: "polling", concurrency: 100 });
    await sleep(3000);
    const pSamples = [];
    for (let i = 0; i < 3; i++) { pSamples.push(rssBytes(server.pid)); await sleep(700); }
    await closeAll(p.workers);
    return {
      idle, after, left, perConn: (after - idle) / c.connected, connected: c.connected, failed: c.failed, ms: c.ms,
      perPoll: (median(pSamples) - left) / p.connected, polled: p.connected, pollFailed: p.failed,
    };
  } finally {
    await server.stop();
  }
}

async function memoryPhase() {
  const count = 10_000;
  const runs = { node: [], dotnet: [] };
  for (let r = 0; r < REPEATS; r++) {
    for (const kind of ["node", "dotnet"]) {
      const m = await memoryRun(kind, count);
      runs[kind].push(m);
      log(`memory ${kind.padEnd(6)} ${m.connected} sockets (${m.failed} failed, ${(m.ms / 1000).toFixed(1)} s): ` +
        `RSS ${(m.idle / 2 ** 20).toFixed(0)} → ${(m.after / 2 ** 20).toFixed(0)} MiB, ${(m.perConn / 1024).toFixed(1)} KiB/conn; ` +
        `after they left + GC ${(m.left / 2 ** 20).toFixed(0)} MiB; ${m.polled} polling sessions ${(m.perPoll / 1024).toFixed(1)} KiB each`);
      if (m.failed) results.notes.push(`memory ${kind}: ${m.failed} of ${count} connections failed`);
      if (m.pollFailed) results.notes.push(`memory ${kind}: ${m.pollFailed} of ${POLLING} polling sessions failed`);
    }
  }
  const g = `Realtime: idle sessions (raw Engine.IO clients, bench/load/raw.mjs; .NET with ${SIO_MEMORY_GC} GC)`;
  const med = (k, f) => median(runs[k].map(f));
  const per = (k) => med(k, (m) => m.perConn) / 1024;
  row(g, "RSS per idle websocket, 10,000 connected (KiB)", per("dotnet"), per("node"),
    { higherIsBetter: false, target: "≤ 0.75× Node", met: per("dotnet") <= 0.75 * per("node") });
  row(g, "  process RSS with 10k websockets (MiB)", med("dotnet", (m) => m.after) / 2 ** 20,
    med("node", (m) => m.after) / 2 ** 20, { higherIsBetter: false });
  const poll = (k) => med(k, (m) => m.perPoll) / 1024;
  row(g, `RSS per idle long-polling session, ${POLLING.toLocaleString("en")} connected (KiB)`, poll("dotnet"), poll("node"),
    { higherIsBetter: false, target: "≤ Node", met: poll("dotnet") <= poll("node") });
  const back = (k) => med(k, (m) => m.left / m.idle);
  row(g, "RSS after all left + full GC ÷ idle RSS", back("dotnet"), back("node"),
    { higherIsBetter: false, target: "≤ 1.10 (ours)", met: back("dotnet") <= 1.10 });
  row(g, "  idle RSS after warm-up + full GC (MiB)", med("dotnet", (m) => m.idle) / 2 ** 20,
    med("node", (m) => m.idle) / 2 ** 20, { higherIsBetter: false });
}

// ------------------------------------------------------------------ realtime: echo with ack

const ECHO_INFLIGHT = Number(process.env.BENCH_ECHO_INFLIGHT ?? 100);

/** One closed-loop window: ECHO_INFLIGHT emits with an ack outstanding, spread over the client processes. */
async function echoWindow(setup, seconds) {
  const { workers, server } = setup;
  const allocated = async () => (server.name === "dotnet" ? Number(await fetch(`${server.url}/allocated`).then((r) => r.text())) : NaN);
  const a0 = await allocated();
  const s0 = cpuSeconds(server.pid), c0 = clientsCpu(workers);
  const per = Math.max(1, Math.round(ECHO_INFLIGHT / workers.length));
  const done = await Promise.all(workers.map((w) => w.echo({ seconds, inflight: per })));
  const count = done.reduce((a, d) => a + d.count, 0);
  const hist = mergeHists(done.map((d) => d.hist));
  const serverCpu = cpuSeconds(server.pid) - s0, clientCpu = clientsCpu(workers) - c0;
  await sleep(300); // the acks still in flight drain
  const bytes = (await allocated()) - a0;
  return {
    allocPerRt: bytes / count,
    rate: count / seconds, p50: histPercentile(hist, 50), p99: histPercentile(hist, 99),
    cpuUs: (serverCpu / count) * 1e6, serverCores: serverCpu / seconds, clientCores: clientCpu / seconds,
    disconnected: Math.max(...done.map((d) => d.disconnected)),
  };
}

/** The machine is shared: the load average around each realtime phase goes into the notes. */
const loadNote = (phase) => results.notes.push(`${phase}: load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min) at its end, on ${os.cpus().length} cores`);

async function echoPhase() {
  for (const size of [2000, 10_000]) {
    const setups = {};
    const procs = size <= 2000 ? 2 : 4;
    for (const kind of ["node", "dotnet"]) {
      const server = await startSio(kind);
      const c = await rawClients(server.url, size, { procs });
      if (c.failed) results.notes.push(`echo ${kind} ${size}: ${c.failed} connections failed`);
      setups[kind] = { server, workers: c.workers };
    }
    try {
      for (const kind of ["node", "dotnet"]) await echoWindow(setups[kind], 2); // warm-up (JIT, pools)
      const runs = { node: [], dotnet: [] };
      for (let r = 0; r < REPEATS; r++) {
        for (const kind of ["node", "dotnet"]) {
          const m = await echoWindow(setups[kind], SECONDS);
          runs[kind].push(m);
          log(`echo ${size} ${kind.padEnd(6)} ${m.rate.toFixed(0).padStart(6)} rt/s  p50 ${m.p50.toFixed(2)} ms  p99 ${m.p99.toFixed(2)} ms  ` +
            `server ${m.cpuUs.toFixed(1)} µs CPU/rt (${m.serverCores.toFixed(2)} cores)  load generator ${m.clientCores.toFixed(2)} cores (${procs} processes)` +
            (m.disconnected ? `  (${m.disconnected} disconnected!)` : ""));
          if (m.disconnected) results.notes.push(`echo ${kind} ${size}: ${m.disconnected} sockets disconnected`);
        }
      }
      const g = `Realtime: echo with ack, ${size.toLocaleString("en")} websockets, ${ECHO_INFLIGHT} in flight`;
      const med = (k, f) => median(runs[k].map(f));
      const rate = (k) => med(k, (m) => m.rate);
      row(g, "round trips/s", rate("dotnet"), rate("node"), { target: "≥ 2× Node", met: rate("dotnet") >= 2 * rate("node") });
      row(g, "  p50 round trip (ms)", med("dotnet", (m) => m.p50), med("node", (m) => m.p50), { higherIsBetter: false });
      const p99 = (k) => med(k, (m) => m.p99);
      row(g, "  p99 round trip (ms)", p99("dotnet"), p99("node"), { higherIsBetter: false, target: "≤ Node", met: p99("dotnet") <= p99("node") });
      const cpu = (k) => med(k, (m) => m.cpuUs);
      row(g, "  server CPU per round trip (µs)", cpu("dotnet"), cpu("node"), { higherIsBetter: false, target: "≤ 0.5× Node", met: cpu("dotnet") <= 0.5 * cpu("node") });
      row(g, "  server CPU (cores busy)", med("dotnet", (m) => m.serverCores), med("node", (m) => m.serverCores), { higherIsBetter: false });
      row(g, "  allocated per round trip (bytes, .NET only)", med("dotnet", (m) => m.allocPerRt), NaN, { higherIsBetter: false });
      row(g, `  load generator CPU (cores, ${procs} processes)`, med("dotnet", (m) => m.clientCores), med("node", (m) => m.clientCores), { higherIsBetter: false });
    } finally {
      for (const kind of ["node", "dotnet"]) { await closeAll(setups[kind].workers); await setups[kind].server.stop(); }
    }
  }
}

// ------------------------------------------------------------------ realtime: connect storm

/** 10,000 websocket clients started at once (4 processes × 2,500, no concurrency limit); time to the CONNECT ack. */
async function stormPhase() {
  const count = 10_000;
  const runs = { node: [], dotnet: [] };
  for (let r = 0; r < REPEATS; r++) {
    for (const kind of ["node", "dotnet"]) {
      const server = await startSio(kind);
      try {
        const warm = await rawClients(server.url, 200, { procs: 1 });
        await closeAll(warm.workers);
        await sleep(500);
        const c = await rawClients(server.url, count, { procs: 4, concurrency: count });
        const m = { connected: c.connected, failed: c.failed, seconds: c.ms / 1000, p50: histPercentile(c.hist, 50), p99: histPercentile(c.hist, 99) };
        runs[kind].push(m);
        log(`storm ${kind.padEnd(6)} ${m.connected}/${count} connected in ${m.seconds.toFixed(1)} s, connect p50 ${m.p50.toFixed(0)} ms p99 ${m.p99.toFixed(0)} ms`);
        if (m.failed) results.notes.push(`storm ${kind}: ${m.failed} of ${count} failed`);
        await closeAll(c.workers);
      } finally {
        await server.stop();
      }
    }
  }
  const g = "Realtime: connect storm, 10,000 websocket clients at once";
  const med = (k, f) => median(runs[k].map(f));
  row(g, "clients connected", med("dotnet", (m) => m.connected), med("node", (m) => m.connected),
    { target: "all", met: runs.dotnet.every((m) => m.connected === count) });
  row(g, "  connect time p50 (ms)", med("dotnet", (m) => m.p50), med("node", (m) => m.p50), { higherIsBetter: false });
  row(g, "  connect time p99 (ms)", med("dotnet", (m) => m.p99), med("node", (m) => m.p99), { higherIsBetter: false, target: "reported" });
  row(g, "  all connected after (s)", med("dotnet", (m) => m.seconds), med("node", (m) => m.seconds), { higherIsBetter: false });
}

// ------------------------------------------------------------------ realtime: broadcast

const PAYLOAD_TEXT = "Conversation 7f3a: customer is asking where their order is; please pick it up".padEnd(100, ".");

/** Closed-loop broadcast: at most `window` broadcasts in flight; delivered/s = completed broadcasts × room size / time. */
async function broadcastWindow(setup, seconds, window = 32) {
  const { trigger, workers, size } = setup;
  const minCompleted = () => Math.min(...workers.map((w) => w.completed));
  let wake = null;
  for (const w of workers) w.onProgress = () => { const f = wake; wake = null; f?.(); };
  const waitProgress = (ms) => new Promise((r) => { wake = r; setTimeout(() => { if (wake === r) wake = null; r(); }, ms); });
  const startCompleted = minCompleted();
  const server0 = cpuSeconds(setup.server.pid), clients0 = clientsCpu(workers);
  const tStart = performance.now();
  const end = tStart + seconds * 1000;
  while (performance.now() < end) {
    while (setup.sent - minCompleted() < window) {
      trigger.emit("broadcast", "bench", { seq: setup.sent, text: PAYLOAD_TEXT });
      setup.sent++;
    }
    await waitProgress(50);
  }
  const done = minCompleted() - startCompleted;
  const elapsed = (performance.now() - tStart) / 1000;
  const cpu = cpuSeconds(setup.server.pid) - server0, clientCpu = clientsCpu(workers) - clients0;
  // Drain before the next measurement.
  const drainEnd = performance.now() + 15_000;
  while (minCompleted() < setup.sent && performance.now() < drainEnd) await waitProgress(50);
  const disconnected = workers.reduce((a, w) => a + w.disconnected, 0);
  return { rate: (done * size) / elapsed, serverCpuPerMsg: cpu / (done * size), disconnected, clientCores: clientCpu / elapsed };
}

async function broadcastSetup(kind, size) {
  const server = await startSio(kind);
  // Raw clients (bench/load/raw.mjs): socket.io-client parsing every message was the limit before.
  const c = await rawClients(server.url, size, { room: "bench", procs: size <= 1000 ? 2 : 4 });
  if (c.failed) results.notes.push(`broadcast ${kind} ${size}: ${c.failed} connections failed`);
  const trigger = io(server.url, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise((r, f) => { trigger.once("connect", r); trigger.once("connect_error", f); });
  return { kind, server, workers: c.workers, trigger, size, sent: 0 };
}

async function broadcastTeardown(s) {
  s.trigger.close();
  await closeAll(s.workers);
  await s.server.stop();
}

async function broadcastPhase() {
  for (const size of [100, 1000, 10_000]) {
    const setups = {};
    for (const kind of ["node", "dotnet"]) setups[kind] = await broadcastSetup(kind, size);
    try {
      for (const kind of ["node", "dotnet"]) await broadcastWindow(setups[kind], 1); // warm-up
      const runs = { node: [], dotnet: [] };
      for (let r = 0; r < REPEATS; r++) {
        for (const kind of ["node", "dotnet"]) {
          const m = await broadcastWindow(setups[kind], size >= 10_000 ? 5 : 4);
          runs[kind].push(m);
          log(`broadcast ${size} ${kind.padEnd(6)} ${m.rate.toFixed(0).padStart(7)} msg/s  server CPU ${(m.serverCpuPerMsg * 1e6).toFixed(2)} µs/msg  load generator ${m.clientCores.toFixed(2)} cores` +
            (m.disconnected ? `  (${m.disconnected} disconnected!)` : ""));
          if (m.disconnected) results.notes.push(`broadcast ${kind} ${size}: ${m.disconnected} sockets disconnected`);
        }
      }
      const g = "Realtime: broadcast to one room";
      const rate = (k) => median(runs[k].map((m) => m.rate));
      const cpu = (k) => median(runs[k].map((m) => m.serverCpuPerMsg)) * 1e6;
      row(g, `room of ${size.toLocaleString("en")} — messages delivered/s`, rate("dotnet"), rate("node"),
        size === 1000 ? { target: "≥ 3× Node", met: rate("dotnet") >= 3 * rate("node") }
          : size === 10_000 ? { target: "≥ 2× Node", met: rate("dotnet") >= 2 * rate("node") } : {});
      row(g, `  server CPU per delivered message (µs)`, cpu("dotnet"), cpu("node"), { higherIsBetter: false });
      const lg = (k) => median(runs[k].map((m) => m.clientCores));
      row(g, `  load generator CPU (cores, ${size <= 1000 ? 2 : 4} processes)`, lg("dotnet"), lg("node"), { higherIsBetter: false });
    } finally {
      for (const kind of ["node", "dotnet"]) await broadcastTeardown(setups[kind]);
    }
  }
}

// ------------------------------------------------------------------ realtime: assignment latency

async function assignLatencyPhase(provider) {
  const conn = freshDatabase(provider, `bench_rt_${provider}`);
  log(`assignment latency on ${provider}: seeding 1 workspace with 1,000 agents`);
  const sb = await startSwitchboard(provider, conn);
  const sockets = [];
  try {
    const seed = await seedWorkspace(sb.url, 200);
    const extra = seedMembers(provider, conn, seed.biz.id, 995, join(tmp, `tokens-rt-${provider}.json`));
    const agents = [...seed.agents.map((a) => ({ user_id: a.id, token: a.token })), ...extra];

    // 1,000 agents, one socket each, in this process (same clock as the REST calls).
    const pending = new Map(); // conversation id -> {agent, start}
    const latencies = [], restLatencies = [];
    let wrong = 0;
    let next = 0;
    const t0c = performance.now();
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (next < agents.length) {
        const agent = agents[next++];
        const socket = io(sb.url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: agent.token, business_id: seed.biz.id } });
        await new Promise((r, f) => { socket.once("connect", r); socket.once("connect_error", (e) => f(new Error(`agent socket: ${e.message}`))); });
        socket.on("conversation_assigned", (e) => {
          const p = pending.get(e.conversation_id);
          if (!p) return;
          if (p.agent !== agent.user_id) { wrong++; return; }
          pending.delete(e.conversation_id);
          if (p.record) latencies.push(performance.now() - p.start);
        });
        sockets.push(socket);
      }
    }));
    log(`  ${sockets.length} agent sockets connected in ${((performance.now() - t0c) / 1000).toFixed(1)} s`);

    const api = new Api(sb.url, seed.biz.owner.token, seed.biz.id);
    const assignee = new Map();
    let missed = 0, failed = 0;
    async function drive(seconds, perSecond, record) {
      const start = performance.now();
      const total = seconds * perSecond;
      const inflight = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / perSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const free = seed.convs.filter((c) => !pending.has(c));
        const conv = free[Math.floor(Math.random() * free.length)];
        let agent;
        do agent = agents[Math.floor(Math.random() * agents.length)]; while (agent.user_id === assignee.get(conv));
        assignee.set(conv, agent.user_id);
        const startAt = performance.now();
        pending.set(conv, { agent: agent.user_id, start: startAt, record });
        inflight.push(api.call("POST", `/api/v1/team/assign/${conv}?agent_id=${agent.user_id}`).then((res) => {
          if (res.status !== 200) { failed++; pending.delete(conv); return; }
          if (record) restLatencies.push(performance.now() - startAt);
        }));
      }
      await Promise.all(inflight);
      const deadline = performance.now() + 5000;
      while (pending.size && performance.now() < deadline) await sleep(20);
      if (record) missed += pending.size;
      pending.clear();
    }
    await drive(3, 100, false); // warm-up
    const seconds = 20;
    await drive(seconds, 100, true);
    log(`  ${latencies.length} events: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, ` +
      `max ${Math.max(...latencies).toFixed(1)} ms; REST p50 ${percentile(restLatencies, 50).toFixed(2)} ms; missed ${missed}, failed ${failed}, wrong ${wrong}`);
    if (missed || failed || wrong) results.notes.push(`assign latency ${provider}: ${missed} events missing, ${failed} REST failures, ${wrong} to the wrong socket`);
    const g = `Realtime: assignment → conversation_assigned (Switchboard, ${provider}, 1,000 agents, 100/s)`;
    row(g, "latency p50 (ms)", percentile(latencies, 50), NaN, { higherIsBetter: false });
    row(g, "latency p99 (ms)", percentile(latencies, 99), NaN, { higherIsBetter: false, target: "< 20 ms", met: percentile(latencies, 99) < 20 });
    row(g, "  REST response p50 / p99 (ms)", percentile(restLatencies, 50), NaN, { higherIsBetter: false, note: `p99 ${percentile(restLatencies, 99).toFixed(2)} ms` });
  } finally {
    for (const s of sockets) s.close();
    await sb.stop();
  }
}

// ------------------------------------------------------------------ table

function fmt(v) {
  if (!Number.isFinite(v)) return "—";
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en");
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function table() {
  const lines = [];
  lines.push(`Switchboard benchmarks — ${results.date.slice(0, 16).replace("T", " ")} UTC — ${results.machine}`);
  lines.push(`medians of ${REPEATS} interleaved runs; wrk ${SECONDS} s × ${CONNECTIONS} connections; each group names its reference ` +
    `(REST: the PingBack peer and bench/Baseline; realtime: Node socket.io 4.8); "Measured" is Switchboard unless the row names ` +
    `another server; ratio = measured ÷ reference`);
  lines.push("");
  const header = ["Figure", "Measured", "Reference", "Ratio", "Target", "Met"];
  const body = [];
  let group = "";
  for (const r of results.rows) {
    if (r.group !== group) { body.push([`[${r.group}]`, "", "", "", "", ""]); group = r.group; }
    const ratio = Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : "";
    body.push([r.name, fmt(r.subject) + (r.note ? ` (${r.note})` : ""), fmt(r.reference), ratio, r.target ?? "",
      r.met === undefined ? "" : r.met ? "yes" : "NO"]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  lines.push(line(header));
  lines.push("|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
  for (const b of body) lines.push(line(b));
  if (results.notes.length) {
    lines.push("");
    lines.push("Notes:");
    for (const n of results.notes) lines.push(`- ${n}`);
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------ main

// A cluster runs detached from this process (nodes under setsid, nginx as a daemon): on Ctrl-C or the
// backstop's TERM, stop it and delete its state before leaving.
if (process.env.BENCH_LIBRARY_ONLY !== "1") for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    if (clusterEnv) cleanClusterSync(clusterEnv);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

if (process.env.BENCH_LIBRARY_ONLY === "1") {
  // imported by serve.mjs
} else try {
  if (phases.has("rest") || phases.has("scale")) for (const p of providers) await restPhase(p);
  if (phases.has("cluster")) {
    if (providers.includes("postgres")) await clusterPhase();
    else results.notes.push("cluster: not run (a cluster runs on PostgreSQL, and BENCH_PROVIDERS leaves it out)");
  }
  if (phases.has("echo")) { await echoPhase(); loadNote("echo"); }
  if (phases.has("memory")) { await memoryPhase(); loadNote("memory"); }
  if (phases.has("storm")) { await stormPhase(); loadNote("storm"); }
  if (phases.has("broadcast")) { await broadcastPhase(); loadNote("broadcast"); }
  if (phases.has("writes")) {
    if (providers.includes("postgres")) await writesPhase();
    else results.notes.push("writes: not run (measured on PostgreSQL, and BENCH_PROVIDERS leaves it out)");
  }
  if (phases.has("mix")) {
    if (providers.includes("postgres")) await mixPhase();
    else results.notes.push("mix: not run (the peer runs on PostgreSQL, and BENCH_PROVIDERS leaves it out)");
  }
  if (phases.has("assign")) for (const p of providers) await assignLatencyPhase(p);
} catch (error) {
  results.notes.push(`ABORTED: ${error.stack ?? error}`);
  process.exitCode = 1;
}
if (process.env.BENCH_LIBRARY_ONLY !== "1") {
  results.seconds = (Date.now() - t0) / 1000;
  writeFileSync(join(tmp, "results.json"), JSON.stringify(results, null, 2));
  const text = table();
  writeFileSync(join(tmp, "results.md"), text + "\n");
  console.log(text);
  log(`done in ${results.seconds.toFixed(0)} s; results in .tmp/bench/results.{json,md}`);
  process.exit();
}

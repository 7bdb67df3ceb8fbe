// The benchmark driver behind scripts/bench. Starts every server itself (loopback only), runs each figure
// against its baseline in the same run, interleaved (baseline, subject, baseline, subject, ...), and prints
// one table with medians and ratios. Results also go to .tmp/bench/results.json.
//
// Environment (scripts/bench sets these):
//   BENCH_ARTIFACTS   folder with the built Switchboard, Bench.Baseline and Bench.SioServer (artifacts bin/)
//   BENCH_PG          "host:port" of the PostgreSQL to use (databases bench_* are created and dropped)
//   BENCH_ONLY        comma list of phases: rest,scale,memory,broadcast,assign (default: all)
//   BENCH_REPEATS     repeats of each interleaved measurement (default 3)
//   BENCH_SECONDS     seconds of each wrk run (default 5)
//   BENCH_PROVIDERS   comma list: postgres,sqlite (default both)
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { io } from "socket.io-client";
import { Api, register, business, addMember } from "../../tests/e2e/switchboard/service.mjs";
import {
  sleep, freePort, startServer, rssBytes, median, percentile, wrk, forkClients, psql, cpuSeconds,
} from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const tmp = join(root, ".tmp/bench");
mkdirSync(tmp, { recursive: true });

const artifacts = process.env.BENCH_ARTIFACTS ?? join(tmp, "artifacts/bin");
const dll = (name) => join(artifacts, name, "release", `${name}.dll`);
const [pgHost, pgPort] = (process.env.BENCH_PG ?? "127.0.0.1:55432").split(":");
const pg = { host: pgHost, port: Number(pgPort) };
const phases = new Set((process.env.BENCH_ONLY ?? "rest,scale,memory,broadcast,assign").split(","));
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

async function startSio(kind, extraEnv = {}) {
  const port = await freePort();
  if (kind === "node")
    return startServer("node", "node", [join(root, "bench/node-server/server.mjs"), "--port", String(port)], { port, cwd: tmp });
  return startServer("dotnet", "dotnet", [dll("Bench.SioServer"), "--port", String(port)], { port, cwd: tmp, env: extraEnv });
}

export function seedMembers(provider, conn, workspaceId, count, tokensFile) {
  execFileSync("dotnet", [dll("Bench.Baseline"), "seed-members", "--provider", provider, "--conn", conn,
    "--workspace", workspaceId, "--count", String(count), "--tokens", tokensFile], { stdio: ["ignore", "ignore", "inherit"] });
  return JSON.parse(readFileSync(tokensFile, "utf8"));
}

/** Owner + Pro workspace + 5 agents through the real REST API (6 members), and `conversations` open conversations. */
export async function seedWorkspace(url, conversations) {
  const svc = { url, mailDir: join(tmp, "mail"), api: (token, workspaceId) => new Api(url, token, workspaceId) };
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

async function sameJson(a, b, headers) {
  const get = async (url) => (await fetch(`${url}/api/v1/team/members`, { headers })).text();
  const [x, y] = [await get(a.url), await get(b.url)];
  return { equal: x === y, subject: x, baseline: y, count: JSON.parse(x).length };
}

/** Interleaved wrk runs of the members route: baseline, switchboard, baseline, ... */
async function membersRuns(sb, base, headers, { warmup = WARMUP, fixedRateRuns = true } = {}) {
  const path = "/api/v1/team/members";
  for (const s of [base, sb]) wrk({ url: s.url + path, connections: CONNECTIONS, seconds: warmup, headers }); // warm-up (JIT tiers, pools)
  const runs = { switchboard: [], baseline: [] };
  for (let r = 0; r < REPEATS; r++) {
    for (const [name, s] of [["baseline", base], ["switchboard", sb]]) {
      const cpu0 = cpuSeconds(s.pid);
      const w = wrk({ url: s.url + path, connections: CONNECTIONS, seconds: SECONDS, headers });
      w.cpuPerReq = (cpuSeconds(s.pid) - cpu0) / w.requests;
      if (w.non2xx || w.errors) results.notes.push(`${name} members: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
      runs[name].push(w);
      log(`  ${name.padEnd(11)} ${w.rps.toFixed(0).padStart(6)} req/s  p50 ${w.p50.toFixed(2)} ms  p99 ${w.p99.toFixed(2)} ms  cpu ${(w.cpuPerReq * 1e6).toFixed(0)} µs/req`);
    }
  }
  // Latency at a fixed rate (autocannon, same 64 connections): what a client sees below saturation.
  const fixed = { switchboard: [], baseline: [] };
  for (let r = 0; r < (fixedRateRuns ? REPEATS : 0); r++) {
    for (const [name, s] of [["baseline", base], ["switchboard", sb]]) {
      const a = await fixedRate(s.url + path, headers, RATE, SECONDS);
      fixed[name].push(a);
      log(`  ${name.padEnd(11)} @${RATE}/s: p50 ${a.p50.toFixed(2)} ms  p99 ${a.p99.toFixed(2)} ms  (${a.rps.toFixed(0)} req/s, ${a.non2xx} non-2xx)`);
    }
  }
  const f = (name, k) => median(fixed[name].map((a) => a[k]));
  const m = (name, k) => median(runs[name].map((w) => w[k]));
  return {
    fixed: { sb: { p50: f("switchboard", "p50"), p99: f("switchboard", "p99") }, base: { p50: f("baseline", "p50"), p99: f("baseline", "p99") } },
    sb: { rps: m("switchboard", "rps"), p50: m("switchboard", "p50"), p99: m("switchboard", "p99"), cpu: m("switchboard", "cpuPerReq") },
    base: { rps: m("baseline", "rps"), p50: m("baseline", "p50"), p99: m("baseline", "p99"), cpu: m("baseline", "cpuPerReq") },
  };
}

/** wrk at about `rate` req/s overall: each of the 64 connections waits a random 0.5–1.5 × (64 / rate) s between requests. */
async function fixedRate(url, headers, rate, seconds) {
  const meanMs = (CONNECTIONS * 1000) / rate;
  const lua = `math.randomseed(os.time())\nfunction delay() return math.floor(${meanMs} * (0.5 + math.random())) end\n`;
  return wrk({ url, connections: CONNECTIONS, seconds, headers, lua, tmpDir: tmp });
}

function assignLua(pairs) {
  return `local paths = {${pairs.map(([c, a]) => `"/api/v1/team/assign/${c}?agent_id=${a}"`).join(",")}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", paths[(i % #paths) + 1])
end
`;
}

async function restPhase(provider) {
  const conn = freshDatabase(provider, `bench_rest_${provider}`);
  log(`REST on ${provider}: starting Switchboard and the baseline`);
  const sb = await startSwitchboard(provider, conn);
  const base = await startBaseline(provider, conn);
  try {
    const seed = await seedWorkspace(sb.url, 100);
    const same = await sameJson(sb, base, seed.headers);
    if (!same.equal) {
      results.notes.push(`${provider}: the baseline's JSON differs from Switchboard's!\n  sb:   ${same.subject.slice(0, 300)}\n  base: ${same.baseline.slice(0, 300)}`);
      log("WARNING: JSON differs", same.subject.slice(0, 200), same.baseline.slice(0, 200));
    }
    const group = `REST, ${provider}`;
    if (phases.has("rest")) {
      log(`members (6) on ${provider}, ${CONNECTIONS} connections, ${REPEATS}× ${SECONDS} s each, interleaved`);
      const r = await membersRuns(sb, base, seed.headers);
      row(group, `GET /team/members (6 members) — req/s`, r.sb.rps, r.base.rps,
        { target: "≥ 60 % of baseline", met: r.sb.rps >= 0.6 * r.base.rps });
      row(group, `  p50 latency @${CONNECTIONS} conns, saturated (ms)`, r.sb.p50, r.base.p50, { higherIsBetter: false });
      row(group, `  p99 latency @${CONNECTIONS} conns, saturated (ms)`, r.sb.p99, r.base.p99, { higherIsBetter: false });
      row(group, `  server CPU per request (µs)`, r.sb.cpu * 1e6, r.base.cpu * 1e6, { higherIsBetter: false });
      row(group, `  p50 latency @${RATE} req/s, ${CONNECTIONS} conns (ms)`, r.fixed.sb.p50, r.fixed.base.p50, { higherIsBetter: false });
      row(group, `  p99 latency @${RATE} req/s, ${CONNECTIONS} conns (ms)`, r.fixed.sb.p99, r.fixed.base.p99, {
        higherIsBetter: false,
        ...(provider === "postgres" ? { target: "< 10 ms", met: r.fixed.sb.p99 < 10 } : {}),
      });

      // Assignments: the same conversations go round the 5 agents.
      const pairs = [];
      for (let i = 0; i < 500; i++) pairs.push([seed.convs[i % seed.convs.length], seed.agents[(i + Math.floor(i / seed.convs.length)) % 5].id]);
      const lua = assignLua(pairs);
      wrk({ url: sb.url + "/", connections: CONNECTIONS, seconds: 2, headers: seed.headers, lua, tmpDir: tmp });
      const runs = [];
      for (let r2 = 0; r2 < REPEATS; r2++) {
        const w = wrk({ url: sb.url + "/", connections: CONNECTIONS, seconds: SECONDS, headers: seed.headers, lua, tmpDir: tmp });
        if (w.non2xx || w.errors) results.notes.push(`assign ${provider}: ${w.non2xx} non-2xx, ${w.errors} socket errors`);
        runs.push(w);
        log(`  assign      ${w.rps.toFixed(0).padStart(6)} req/s  p50 ${w.p50.toFixed(2)} ms  p99 ${w.p99.toFixed(2)} ms`);
      }
      row(group, `POST /team/assign — req/s (no baseline)`, median(runs.map((w) => w.rps)), NaN);
      row(group, `  p50 / p99 @${CONNECTIONS} conns (ms)`, median(runs.map((w) => w.p50)), NaN,
        { higherIsBetter: false, note: `p99 ${median(runs.map((w) => w.p99)).toFixed(1)} ms` });
    }
    if (phases.has("scale")) {
      // 1× is the 6-member workspace above; 10× = 60, 100× = 600 members (agents added past the plan's limit).
      let have = 6;
      const gScale = `Scale: members list, ${provider}`;
      for (const size of [60, 600]) {
        seedMembers(provider, conn, seed.biz.id, size - have, join(tmp, `tokens-${provider}-${size}.json`));
        have = size;
        const check = await sameJson(sb, base, seed.headers);
        if (!check.equal || check.count !== size) results.notes.push(`${provider} ${size}: JSON equal ${check.equal}, ${check.count} members`);
        log(`members (${size}) on ${provider}`);
        const r = await membersRuns(sb, base, seed.headers, { warmup: 2, fixedRateRuns: false });
        row(gScale, `${size} members (${size / 6}×) — req/s`, r.sb.rps, r.base.rps);
        row(gScale, `  p99 @${CONNECTIONS} conns (ms)`, r.sb.p99, r.base.p99, { higherIsBetter: false });
      }
    }
  } finally {
    await sb.stop();
    await base.stop();
  }
}

// ------------------------------------------------------------------ realtime: memory

async function connectClients(url, count, { room, perProcess = 2500, auths } = {}) {
  const n = Math.max(1, Math.ceil(count / perProcess));
  const workers = [];
  const results2 = [];
  for (let i = 0; i < n; i++) {
    const w = forkClients(here);
    workers.push(w);
    const share = Math.floor(count / n) + (i < count % n ? 1 : 0);
    const start = i * Math.floor(count / n) + Math.min(i, count % n);
    results2.push(w.connect({ url, count: share, room, concurrency: 100, auths: auths?.slice(start, start + share) }));
  }
  const done = await Promise.all(results2);
  const connected = done.reduce((a, d) => a + d.connected, 0);
  const failed = done.reduce((a, d) => a + d.failed, 0);
  return { workers, connected, failed, ms: Math.max(...done.map((d) => d.ms)) };
}

async function closeAll(workers) {
  await Promise.all(workers.map((w) => w.close()));
}

async function memoryRun(kind, count) {
  const server = await startSio(kind);
  try {
    // Warm-up: JIT, pools, first-use allocations on both servers.
    const warm = await connectClients(server.url, 200);
    await closeAll(warm.workers);
    await sleep(2000);
    const before = rssBytes(server.pid);
    const c = await connectClients(server.url, count);
    await sleep(3000);
    const samples = [];
    for (let i = 0; i < 3; i++) { samples.push(rssBytes(server.pid)); await sleep(700); }
    const after = median(samples);
    await closeAll(c.workers);
    return { before, after, perConn: (after - before) / c.connected, connected: c.connected, failed: c.failed, ms: c.ms };
  } finally {
    await server.stop();
  }
}

async function memoryPhase() {
  const count = 10_000;
  const runs = { node: [], dotnet: [] };
  const reps = Math.max(2, REPEATS - 1);
  for (let r = 0; r < reps; r++) {
    for (const kind of ["node", "dotnet"]) {
      const m = await memoryRun(kind, count);
      runs[kind].push(m);
      log(`memory ${kind.padEnd(6)} ${m.connected} sockets (${m.failed} failed, ${(m.ms / 1000).toFixed(1)} s): ` +
        `RSS ${(m.before / 2 ** 20).toFixed(0)} → ${(m.after / 2 ** 20).toFixed(0)} MiB, ${(m.perConn / 1024).toFixed(1)} KiB/conn`);
      if (m.failed) results.notes.push(`memory ${kind}: ${m.failed} of ${count} connections failed`);
    }
  }
  const g = "Realtime: 10,000 websocket clients";
  const per = (k) => median(runs[k].map((m) => m.perConn)) / 1024;
  row(g, "memory per connection (KiB of RSS)", per("dotnet"), per("node"),
    { higherIsBetter: false, target: "≤ Node", met: per("dotnet") <= per("node") });
  row(g, "  process RSS with 10k sockets (MiB)", median(runs.dotnet.map((m) => m.after)) / 2 ** 20,
    median(runs.node.map((m) => m.after)) / 2 ** 20, { higherIsBetter: false });
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
  const server0 = cpuSeconds(setup.server.pid);
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
  const cpu = cpuSeconds(setup.server.pid) - server0;
  // Drain before the next measurement.
  const drainEnd = performance.now() + 15_000;
  while (minCompleted() < setup.sent && performance.now() < drainEnd) await waitProgress(50);
  const disconnected = workers.reduce((a, w) => a + w.disconnected, 0);
  return { rate: (done * size) / elapsed, serverCpuPerMsg: cpu / (done * size), disconnected };
}

async function broadcastSetup(kind, size) {
  const server = await startSio(kind);
  const perProcess = size <= 1000 ? Math.ceil(size / 2) : 2500;
  const c = await connectClients(server.url, size, { room: "bench", perProcess });
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
          log(`broadcast ${size} ${kind.padEnd(6)} ${m.rate.toFixed(0).padStart(7)} msg/s  server CPU ${(m.serverCpuPerMsg * 1e6).toFixed(2)} µs/msg` +
            (m.disconnected ? `  (${m.disconnected} disconnected!)` : ""));
          if (m.disconnected) results.notes.push(`broadcast ${kind} ${size}: ${m.disconnected} sockets disconnected`);
        }
      }
      const g = "Realtime: broadcast to one room";
      const rate = (k) => median(runs[k].map((m) => m.rate));
      const cpu = (k) => median(runs[k].map((m) => m.serverCpuPerMsg)) * 1e6;
      row(g, `room of ${size.toLocaleString("en")} — messages delivered/s`, rate("dotnet"), rate("node"),
        size === 1000 ? { target: "≥ 2× Node", met: rate("dotnet") >= 2 * rate("node") } : {});
      row(g, `  server CPU per delivered message (µs)`, cpu("dotnet"), cpu("node"), { higherIsBetter: false });
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
  lines.push(`medians of ${REPEATS} interleaved runs; wrk ${SECONDS} s × ${CONNECTIONS} connections; reference = bench/Baseline (REST) or Node socket.io 4.8 (realtime)`);
  lines.push("");
  const header = ["Figure", "Switchboard", "Reference", "Ratio", "Target", "Met"];
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

if (process.env.BENCH_LIBRARY_ONLY === "1") {
  // imported by serve.mjs
} else try {
  if (phases.has("rest") || phases.has("scale")) for (const p of providers) await restPhase(p);
  if (phases.has("memory")) await memoryPhase();
  if (phases.has("broadcast")) await broadcastPhase();
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

// The profile of GET /api/v1/team/members (no x-workspace-id, as PingBack's clients call it) behind the
// "Profile of the members route" section of bench/README.md. Profiles one or more servers started by serve.mjs
// (named with BENCH_SERVE_NAME, details in .tmp/bench/<name>.json), e.g. two builds side by side:
//
//   node bench/load/profile.mjs before after
//
// BENCH_PROFILE_ROUTE=assign or status profiles a write route instead, with the load of scripts/bench
// (POST /team/assign round the 5 agents and 100 conversations; PATCH /team/status, each agent cycling
// live → away → offline); the PostgreSQL server's CPU per request is reported beside the server's.
//
// For each server, under wrk -t1 -c64 (no header):
//   1. REPEATS (3) windows of 10 s, interleaved between the servers: req/s, CPU per request (/proc), and from
//      dotnet-counters the allocation rate, GC collections, lock contentions and the server's own p50/p99;
//   2. a 10 s dotnet-trace of the sample profiler (--profile dotnet-sampled-thread-time), summarised by
//      bench/TraceReport `cpu` (managed CPU by component);
//   3. when perf is installed, a 10 s `perf record -F 999 -g` of the process, summarised by bench/TraceReport `perf`
//      (all CPU by layer: kernel, managed code, the runtime's native code). Managed frames get names only when the
//      server was started with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0.
// Everything lands in .tmp/profile/<name>.*; the summary is printed.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpuSeconds, median, sleep, treeCpuSeconds, wrkAsync } from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const out = join(root, ".tmp/profile");
mkdirSync(out, { recursive: true });
const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: node bench/load/profile.mjs NAME... (servers started by serve.mjs with BENCH_SERVE_NAME=NAME)");
  process.exit(2);
}
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SECONDS = 10;
const MEMBERS = "/api/v1/team/members";
const log = (...a) => console.error(`[profile]`, ...a);

const servers = names.map((name) => {
  const info = JSON.parse(readFileSync(join(root, ".tmp/bench", `${name}.json`), "utf8"));
  return { name, ...info, noHeader: { Authorization: info.headers.Authorization } };
});
const ROUTE = process.env.BENCH_PROFILE_ROUTE ?? "members";
if (!["members", "assign", "status"].includes(ROUTE)) throw new Error(`BENCH_PROFILE_ROUTE=${ROUTE}: members, assign or status`);
process.env.BENCH_LIBRARY_ONLY = "1";
const { assignLua, statusLua, postmasterPid } = await import("./bench.mjs");
/** The wrk script of the write routes, as scripts/bench runs them. */
function writeLua(s) {
  if (ROUTE === "assign") {
    const pairs = [];
    for (let i = 0; i < 500; i++) pairs.push([s.convs[i % s.convs.length], s.agents[(i + Math.floor(i / s.convs.length)) % 5]]);
    return assignLua(pairs);
  }
  return statusLua(s.agentTokens.map((token) => ({ token })), s.businessId);
}
const load = (s, seconds) => ROUTE === "members"
  ? wrkAsync({ url: s.url + MEMBERS, connections: 64, seconds, headers: s.noHeader })
  : wrkAsync({ url: s.url + "/", connections: 64, seconds, headers: ROUTE === "assign" ? s.headers : {}, lua: writeLua(s), tmpDir: join(root, ".tmp/bench") });
/** The CPU seconds of the PostgreSQL the server uses (the postmaster on its port and every live backend). */
function pgCpu(s) {
  const port = /Port=(\d+)/i.exec(s.conn ?? "")?.[1];
  const master = s.provider === "postgres" && port ? postmasterPid(Number(port)) : null;
  return master ? treeCpuSeconds(master) : 0;
}

/** Runs a command from bench/ (where the local tool manifest is), returns stdout. */
function tool(args, opts = {}) {
  return execFileSync("dotnet", args, { cwd: join(root, "bench"), encoding: "utf8", maxBuffer: 1 << 28, ...opts });
}

function spawnWait(cmd, args, opts = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.once("error", fail);
    child.once("exit", (code) => (code === 0 ? ok(text) : fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}:\n${text}`))));
  });
}

/**
 * The mean of a dotnet-counters value while the load ran: its JSON export has one value per second over the
 * whole session, which starts a second before the load and ends a second after it; the first two and the last
 * two values are left out.
 */
function counter(events, name) {
  const values = events.filter((e) => e.name.startsWith(name + " ")).map((e) => e.value).slice(2, -2);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}
const percentileCounter = (events, p) => {
  const values = events.filter((e) => e.name.startsWith("http.server.request.duration") && e.tags.includes(`Percentile=${p}`)).map((e) => e.value);
  return values.length ? median(values) * 1000 : NaN; // ms
};

log("building bench/TraceReport");
tool(["build", "TraceReport", "-c", "Release", "--artifacts-path", join(root, ".tmp/bench/artifacts"), "-nologo", "-v", "quiet"]);
const report = join(root, ".tmp/bench/artifacts/bin/Bench.TraceReport/release/Bench.TraceReport.dll");
tool(["tool", "restore"]);

for (const s of servers) await load(s, 5); // warm-up: tiered JIT, pools, caches

// 1. Counters, interleaved.
const windows = Object.fromEntries(servers.map((s) => [s.name, []]));
for (let r = 0; r < REPEATS; r++) {
  for (const s of servers) {
    const file = join(out, `${s.name}.counters-${r}.json`);
    const counters = spawnWait("dotnet", ["dotnet-counters", "collect", "-p", String(s.pid), "--counters",
      "System.Runtime,Microsoft.AspNetCore.Hosting", "--duration", `00:00:00:${SECONDS}`, "--format", "json", "-o", file],
      { cwd: join(root, "bench") });
    await sleep(1000); // the session is up before the load starts
    const cpu0 = cpuSeconds(s.pid), pg0 = pgCpu(s);
    const w = await load(s, SECONDS - 2);
    const cpu = (cpuSeconds(s.pid) - cpu0) / w.requests;
    const pgCpuUs = ((pgCpu(s) - pg0) / w.requests) * 1e6;
    await counters;
    const events = JSON.parse(readFileSync(file, "utf8")).Events;
    const rate = (n) => counter(events, n);
    const m = {
      rps: w.rps, cpuUs: cpu * 1e6, pgCpuUs, p99: w.p99,
      allocPerReq: rate("dotnet.gc.heap.total_allocated") / w.rps,
      gcPer1k: (1000 * rate("dotnet.gc.collections")) / w.rps,
      contentions: rate("dotnet.monitor.lock_contentions"),
      serverP50: percentileCounter(events, 50), serverP99: percentileCounter(events, 99),
    };
    windows[s.name].push(m);
    log(`${s.name.padEnd(8)} ${m.rps.toFixed(0).padStart(6)} req/s (wrk p99 ${m.p99.toFixed(1)} ms), ${m.cpuUs.toFixed(0)} µs CPU/req (PostgreSQL ${m.pgCpuUs.toFixed(0)}), ${(m.allocPerReq / 1024).toFixed(1)} KiB allocated/req, ` +
      `${m.gcPer1k.toFixed(2)} GCs/1k req, ${m.contentions.toFixed(0)} lock contentions/s, ` +
      `server p50 ${m.serverP50.toFixed(3)} ms p99 ${m.serverP99.toFixed(3)} ms`);
  }
}

// 2. and 3. The traces, one server at a time, each under load.
const summaries = {};
for (const s of servers) {
  const nettrace = join(out, `${s.name}.nettrace`);
  const loadRun = load(s, SECONDS + 6);
  await sleep(2000);
  log(`${s.name}: dotnet-trace (sample profiler) for ${SECONDS} s`);
  await spawnWait("dotnet", ["dotnet-trace", "collect", "-p", String(s.pid), "--profile", "dotnet-sampled-thread-time",
    "--duration", `00:00:00:${SECONDS}`, "-o", nettrace], { cwd: join(root, "bench") });
  const traced = await loadRun;
  const cpuText = execFileSync("dotnet", [report, "cpu", nettrace, "12"], { encoding: "utf8", maxBuffer: 1 << 26 });
  writeFileSync(join(out, `${s.name}.cpu.txt`), `wrk during the trace: ${traced.rps.toFixed(0)} req/s\n${cpuText}`);
  summaries[s.name] = { cpu: cpuText, tracedRps: traced.rps };

  let perfAvailable = false;
  try { execFileSync("perf", ["--version"], { stdio: "ignore" }); perfAvailable = true; } catch {}
  if (perfAvailable) {
    const data = join(out, `${s.name}.perf.data`), script = join(out, `${s.name}.perf.txt`);
    if (!existsSync(`/tmp/perf-${s.pid}.map`)) log(`${s.name}: no /tmp/perf-${s.pid}.map: managed frames will have no names (start serve.mjs with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)`);
    const perfLoad = load(s, SECONDS + 4);
    await sleep(2000);
    log(`${s.name}: perf record for ${SECONDS} s`);
    await spawnWait("perf", ["record", "-F", "999", "-g", "-p", String(s.pid), "-o", data, "--", "sleep", String(SECONDS)]);
    await perfLoad;
    writeFileSync(script, execFileSync("perf", ["script", "-i", data, "-F", "tid,ip,sym,dso"], { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] }));
    summaries[s.name].perf = execFileSync("dotnet", [report, "perf", script], { encoding: "utf8" });
    writeFileSync(join(out, `${s.name}.perf-summary.txt`), summaries[s.name].perf);
  }
}

// The summary.
const lines = [];
lines.push(`${ROUTE === "members" ? `GET ${MEMBERS}, no x-workspace-id` : ROUTE === "assign" ? "POST /api/v1/team/assign (5 agents, 100 conversations)" : "PATCH /api/v1/team/status (5 agents)"}, wrk -t1 -c64; medians of ${REPEATS} interleaved ${SECONDS - 2} s windows`);
lines.push("");
lines.push(`| | ${servers.map((s) => s.name).join(" | ")} |`);
lines.push(`|---|${servers.map(() => "---:").join("|")}|`);
const med = (name, k) => median(windows[name].map((w) => w[k]));
const fmtRow = (label, k, f) => lines.push(`| ${label} | ${servers.map((s) => f(med(s.name, k))).join(" | ")} |`);
fmtRow("req/s", "rps", (v) => v.toFixed(0));
fmtRow("server CPU per request (µs)", "cpuUs", (v) => v.toFixed(0));
fmtRow("PostgreSQL CPU per request (µs)", "pgCpuUs", (v) => v.toFixed(0));
fmtRow("wrk p99 (ms)", "p99", (v) => v.toFixed(1));
fmtRow("allocated per request (KiB)", "allocPerReq", (v) => (v / 1024).toFixed(1));
fmtRow("GCs per 1,000 requests", "gcPer1k", (v) => v.toFixed(2));
fmtRow("lock contentions per second", "contentions", (v) => v.toFixed(0));
fmtRow("server-side p50 / p99 (ms, request duration metric)", "serverP50", (v) => v.toFixed(3));
fmtRow("", "serverP99", (v) => v.toFixed(3));
for (const s of servers) {
  lines.push("", `## ${s.name}: dotnet-trace (wrk at ${summaries[s.name].tracedRps.toFixed(0)} req/s during the trace)`, "", summaries[s.name].cpu);
  if (summaries[s.name].perf) lines.push(`## ${s.name}: perf`, "", summaries[s.name].perf);
}
writeFileSync(join(out, "summary.md"), lines.join("\n") + "\n");
console.log(lines.join("\n"));
log(`everything in ${out.slice(root.length + 1)}/`);

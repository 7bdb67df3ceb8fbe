// Helpers of the bench driver: processes, ports, RSS, wrk, statistics.
import { spawn, fork, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export { freePort } from "../../tests/e2e/switchboard/service.mjs";

export async function waitHealthy(url, child, log, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited early:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s:\n${log()}`);
    }
    await sleep(100);
  }
}

/** Starts a server process and waits for GET /healthz; returns {url, pid, stop(), log()}. */
export async function startServer(name, command, args, { env = {}, cwd, port }) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const append = (d) => { log += d; if (log.length > 200_000) log = log.slice(-100_000); };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  await waitHealthy(url, child, () => log);
  return {
    name, url, port, pid: child.pid, child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process, in bytes (VmRSS of /proc/PID/status). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)[1]);
  return kb * 1024;
}

/** CPU time (user+system) of a process in seconds, from /proc/PID/stat. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** Pids of a process's descendants (children, grandchildren, ...), from the ppid field of /proc/PID/stat. */
export function descendants(pid) {
  const parent = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      parent.set(Number(entry), Number(fields[1]));
    } catch {} // exited meanwhile
  }
  const out = [];
  const walk = (p) => { for (const [child, pp] of parent) if (pp === p) { out.push(child); walk(child); } };
  walk(pid);
  return out;
}

/** CPU time of a process and all its live descendants (e.g. uvicorn's master and its workers), in seconds. */
export function treeCpuSeconds(pid) {
  let total = cpuSeconds(pid);
  for (const child of descendants(pid)) {
    try { total += cpuSeconds(child); } catch {} // exited meanwhile
  }
  return total;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

function toMs(text) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === "us" ? v / 1000 : m[2] === "ms" ? v : m[2] === "s" ? v * 1000 : v * 60_000;
}

function wrkArgs({ url, connections = 64, threads = 1, seconds = 5, headers = {}, lua, tmpDir }) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", "--timeout", "10s"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  if (lua) {
    const file = join(tmpDir, `wrk-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.lua`);
    writeFileSync(file, lua);
    args.push("-s", file);
  }
  args.push(url);
  return args;
}

/** Parses wrk's --latency report: {rps, p50, p75, p90, p99 (ms), requests, errors, non2xx, raw}. */
export function parseWrk(out) {
  const pct = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out);
    return m ? toMs(m[1]) : NaN;
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const errLine = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = errLine ? errLine.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps, p50: pct(50), p75: pct(75), p90: pct(90), p99: pct(99), requests, non2xx, errors, raw: out };
}

/**
 * Runs wrk and parses its --latency report: {rps, p50, p75, p90, p99 (ms), requests, errors, non2xx}.
 * `lua` is the text of a wrk script (optional); `headers` an object.
 */
export function wrk(options) {
  return parseWrk(execFileSync("wrk", wrkArgs(options), { encoding: "utf8", maxBuffer: 1 << 24 }));
}

/** The same as wrk(), without blocking the event loop: several can run at once (e.g. one per node). */
export function wrkAsync(options) {
  return new Promise((ok, fail) => {
    const child = spawn("wrk", wrkArgs(options), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.once("error", fail);
    child.once("exit", (code) => (code === 0 ? ok(parseWrk(out)) : fail(new Error(`wrk exited with ${code}: ${err}${out}`))));
  });
}

/** Forks a clients.mjs load-generator process; returns a small RPC wrapper. */
export function forkClients(dir) {
  const child = fork(join(dir, "clients.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiters = new Map();
  const state = { completed: 0, disconnected: 0, child };
  child.on("message", (m) => {
    if (m.type === "progress") {
      state.completed = m.completed;
      state.disconnected = m.disconnected ?? state.disconnected;
      state.onProgress?.();
    }
    const w = waiters.get(m.type);
    if (w) { waiters.delete(m.type); w(m); }
  });
  const waitFor = (type) => new Promise((r) => waiters.set(type, r));
  state.connect = async (opts) => { const p = waitFor("connected"); child.send({ cmd: "connect", ...opts }); return p; };
  state.reset = () => { state.completed = 0; child.send({ cmd: "reset" }); };
  state.close = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.send({ cmd: "close" });
    const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(t);
  };
  return state;
}

export function psql(pg, sql) {
  execFileSync("psql", ["-h", pg.host, "-p", String(pg.port), "-U", "postgres", "-d", "postgres", "-X", "-q", "-c", sql], {
    env: { ...process.env, PGPASSWORD: "postgres" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Runs an SQL file against one database of the bench's PostgreSQL (stops at the first error). */
export function psqlFile(pg, db, file) {
  execFileSync("psql", ["-h", pg.host, "-p", String(pg.port), "-U", "postgres", "-d", db, "-X", "-q",
    "-v", "ON_ERROR_STOP=1", "-f", file], {
    env: { ...process.env, PGPASSWORD: "postgres" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Forks a raw.mjs load-generator process (raw Engine.IO over ws / node:http); returns a small RPC wrapper. */
export function forkRaw(dir) {
  const child = fork(join(dir, "raw.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiters = new Map();
  const state = { completed: 0, disconnected: 0 };
  child.on("message", (m) => {
    if (m.type === "progress") {
      state.completed = m.completed;
      state.disconnected = m.disconnected;
      state.onProgress?.();
    }
    const w = waiters.get(m.type);
    if (w) { waiters.delete(m.type); w(m); }
  });
  const call = (cmd, reply, opts = {}) => { const p = new Promise((r) => waiters.set(reply, r)); child.send({ cmd, ...opts }); return p; };
  return Object.assign(state, {
    child, pid: child.pid,
    connect: (opts) => call("connect", "connected", opts),
    echo: (opts) => call("echo", "echo", opts),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.send({ cmd: "close" });
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    },
  });
}

/** Merges raw.mjs latency histograms (1 % log buckets) and reads a percentile back in ms. */
export function mergeHists(hists) {
  const out = {};
  for (const h of hists) for (const [b, n] of Object.entries(h)) out[b] = (out[b] ?? 0) + n;
  return out;
}
export function histPercentile(hist, p) {
  const entries = Object.entries(hist).map(([b, n]) => [Number(b), n]).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return NaN;
  const want = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [b, n] of entries) { seen += n; if (seen >= want) return Math.pow(1.01, b) / 1000; }
  return NaN;
}

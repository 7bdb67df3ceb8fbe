// For profiling by hand (not part of bench.mjs): the memory phase's steps on one server, with a pause at each
// state so a heap dump can be taken, and RSS split into anonymous and file-backed pages.
//   node memprobe.mjs DLL|node [websockets=10000] [polling=2000]   (env: PROBE_DUMP=1 runs dotnet-gcdump at each state)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { forkRaw, freePort, median, rssBytes, sleep, startServer } from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const [target, wsText = "10000", pollText = "2000"] = process.argv.slice(2);
const port = await freePort();
const server = target === "node"
  ? await startServer("node", "node", ["--expose-gc", join(here, "../node-server/server.mjs"), "--port", String(port)], { port })
  : await startServer("dotnet", "dotnet", [target, "--port", String(port)], { port });
const status = () => {
  const s = readFileSync(`/proc/${server.pid}/status`, "utf8");
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]) / 1024;
  return `RSS ${kb("VmRSS").toFixed(1)} MiB (anon ${kb("RssAnon").toFixed(1)}, file ${kb("RssFile").toFixed(1)}), threads ${/Threads:\s+(\d+)/.exec(s)[1]}`;
};
const dump = (name) => {
  if (!process.env.PROBE_DUMP || target === "node") return;
  const out = join(process.env.PROBE_OUT ?? "/tmp", `${name}.gcdump`);
  execFileSync("dotnet", ["gcdump", "collect", "-p", String(server.pid), "-o", out], { cwd: join(here, ".."), stdio: "ignore" });
  console.log(`  dump ${out}`);
};
// Anonymous pages by mapping (start address and name), for PROBE_SMAPS=1: what grew between two states.
const smaps = () => {
  const out = new Map();
  let key = null;
  for (const line of readFileSync(`/proc/${server.pid}/smaps`, "utf8").split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) { key = `${head[1]} ${((parseInt(head[2], 16) - parseInt(head[1], 16)) / 1024).toFixed(0)}K ${head[3]}`; continue; }
    const anon = /^Anonymous:\s+(\d+) kB/.exec(line);
    if (anon && key) out.set(key, Number(anon[1]));
  }
  return out;
};
const grown = (before, after) => {
  if (!process.env.PROBE_SMAPS) return;
  const rows = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]).filter(([, d]) => d > 256).sort((a, b) => b[1] - a[1]);
  for (const [k, d] of rows.slice(0, 15)) console.log(`  +${(d / 1024).toFixed(1)} MiB anon  ${k}`);
  console.log(`  (${rows.length} mappings grew by more than 256 KiB; all: +${(rows.reduce((a, [, d]) => a + d, 0) / 1024).toFixed(1)} MiB)`);
};
const gc = async () => { await fetch(`${server.url}/gc`); await sleep(1500); await fetch(`${server.url}/gc`); await sleep(500); };
async function clients(count, transport, procs, concurrency) {
  const workers = Array.from({ length: procs }, () => forkRaw(here));
  const done = await Promise.all(workers.map((w, i) => w.connect({ url: server.url, count: Math.floor(count / procs) + (i < count % procs ? 1 : 0), transport, concurrency })));
  return { workers, connected: done.reduce((a, d) => a + d.connected, 0) };
}
const settle = async () => { const xs = []; for (let i = 0; i < 3; i++) { xs.push(rssBytes(server.pid)); await sleep(700); } return median(xs); };
try {
  const warm = await clients(200, "websocket", 1, 200);
  await Promise.all(warm.workers.map((w) => w.close()));
  await sleep(1000);
  await gc();
  const idle = rssBytes(server.pid);
  console.log(`idle: ${status()}`);
  const idleMaps = smaps();
  dump("idle");
  const n = Number(wsText);
  const c = await clients(n, "websocket", Math.max(1, Math.ceil(n / 2500)), 200);
  await sleep(3000);
  const after = await settle();
  console.log(`${c.connected} websockets: ${status()}, ${((after - idle) / c.connected / 1024).toFixed(2)} KiB/conn`);
  await gc();
  console.log(`  after GC: ${status()}, ${((rssBytes(server.pid) - idle) / c.connected / 1024).toFixed(2)} KiB/conn`);
  dump("ws");
  await Promise.all(c.workers.map((w) => w.close()));
  await sleep(3000);
  await gc();
  const left = rssBytes(server.pid);
  console.log(`left: ${status()}, ratio ${(left / idle).toFixed(2)}`);
  grown(idleMaps, smaps());
  dump("left");
  const p = await clients(Number(pollText), "polling", 1, 100);
  await sleep(3000);
  const polled = await settle();
  console.log(`${p.connected} polling: ${status()}, ${((polled - left) / p.connected / 1024).toFixed(2)} KiB/session`);
  await gc();
  console.log(`  after GC: ${status()}, ${((rssBytes(server.pid) - left) / p.connected / 1024).toFixed(2)} KiB/session`);
  dump("poll");
  await Promise.all(p.workers.map((w) => w.close()));
} finally {
  await server.stop();
}

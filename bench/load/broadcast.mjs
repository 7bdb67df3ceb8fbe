// For profiling by hand: holds N raw websocket clients (bench/load/raw.mjs, 4 processes) in room "bench" on URL
// and runs the benchmark's closed-loop broadcast (32 in flight) for S seconds, printing delivered messages/s and
// the server's CPU per delivered message when PID is given.   node broadcast.mjs http://127.0.0.1:3001 10000 30 [PID]
// Attach dotnet-counters / dotnet-trace / perf to PID while it runs (see "Realtime profile" in bench/README.md).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { io } from "socket.io-client";
import { forkRaw, cpuSeconds } from "./lib.mjs";

const [url, countText = "10000", secondsText = "30", pid] = process.argv.slice(2);
const count = Number(countText), seconds = Number(secondsText);
const here = dirname(fileURLToPath(import.meta.url));
const procs = count <= 1000 ? 2 : 4;
const workers = Array.from({ length: procs }, () => forkRaw(here));
await Promise.all(workers.map((w, i) =>
  w.connect({ url, count: Math.floor(count / procs) + (i < count % procs ? 1 : 0), concurrency: 200, room: "bench" })));
const trigger = io(url, { transports: ["websocket"], reconnection: false, forceNew: true });
await new Promise((r, f) => { trigger.once("connect", r); trigger.once("connect_error", f); });
console.log(`${count} clients in room "bench"; broadcasting for ${seconds} s`);

const text = "Conversation 7f3a: customer is asking where their order is; please pick it up".padEnd(100, ".");
const minCompleted = () => Math.min(...workers.map((w) => w.completed));
let wake = null;
for (const w of workers) w.onProgress = () => { const f = wake; wake = null; f?.(); };
const waitProgress = (ms) => new Promise((r) => { wake = r; setTimeout(() => { if (wake === r) wake = null; r(); }, ms); });
let sent = 0;
const cpu0 = pid ? cpuSeconds(Number(pid)) : 0;
const start = performance.now();
let last = { t: start, done: 0 };
while (performance.now() < start + seconds * 1000) {
  while (sent - minCompleted() < 32) trigger.emit("broadcast", "bench", { seq: sent++, text });
  await waitProgress(50);
  const now = performance.now();
  if (now - last.t >= 5000) {
    const done = minCompleted();
    console.log(`${(((done - last.done) * count) / ((now - last.t) / 1000)).toFixed(0)} msg/s`);
    last = { t: now, done };
  }
}
const elapsed = (performance.now() - start) / 1000, done = minCompleted();
const cpu = pid ? `, server ${(((cpuSeconds(Number(pid)) - cpu0) / (done * count)) * 1e6).toFixed(2)} µs CPU/msg` : "";
console.log(`overall ${((done * count) / elapsed).toFixed(0)} msg/s${cpu}`);
trigger.close();
await Promise.all(workers.map((w) => w.close()));
process.exit(0);

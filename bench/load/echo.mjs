// For profiling by hand: holds N raw websocket clients (bench/load/raw.mjs, 2 processes) on URL and runs the
// closed-loop echo with ack (100 in flight) for S seconds, printing round trips/s, p50/p99 and the server's CPU
// per round trip when PID is given.   node echo.mjs http://127.0.0.1:3001 2000 20 [PID]
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { forkRaw, mergeHists, histPercentile, cpuSeconds } from "./lib.mjs";

const [url, countText = "2000", secondsText = "10", pid] = process.argv.slice(2);
const count = Number(countText), seconds = Number(secondsText);
const here = dirname(fileURLToPath(import.meta.url));
const workers = [forkRaw(here), forkRaw(here)];
await Promise.all(workers.map((w) => w.connect({ url, count: count / 2 })));
const cpu0 = pid ? cpuSeconds(Number(pid)) : 0;
const done = await Promise.all(workers.map((w) => w.echo({ seconds, inflight: 50 })));
const n = done.reduce((a, d) => a + d.count, 0);
const hist = mergeHists(done.map((d) => d.hist));
const cpu = pid ? `, server ${(((cpuSeconds(Number(pid)) - cpu0) / n) * 1e6).toFixed(1)} µs CPU/rt` : "";
console.log(`${(n / seconds).toFixed(0)} rt/s, p50 ${histPercentile(hist, 50).toFixed(2)} ms, p99 ${histPercentile(hist, 99).toFixed(2)} ms${cpu}`);
await Promise.all(workers.map((w) => w.close()));
process.exit(0);

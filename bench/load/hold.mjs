// For profiling by hand: opens N websocket clients (socket.io-client, websocket only) to URL, in processes of
// 2,500, and holds them until Ctrl-C.   node hold.mjs http://127.0.0.1:3001 10000 [room]
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { forkClients } from "./lib.mjs";

const [url, countText = "1000", room] = process.argv.slice(2);
const count = Number(countText);
const here = dirname(fileURLToPath(import.meta.url));
const workers = [];
const per = 2500;
const pending = [];
for (let start = 0; start < count; start += per) {
  const w = forkClients(here);
  workers.push(w);
  pending.push(w.connect({ url, count: Math.min(per, count - start), room, concurrency: 100 }));
}
const done = await Promise.all(pending);
console.log(`connected ${done.reduce((a, d) => a + d.connected, 0)}, failed ${done.reduce((a, d) => a + d.failed, 0)}`);
const stop = async () => { await Promise.all(workers.map((w) => w.close())); process.exit(0); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);

// A load-generator process: holds many socket.io-client connections (websocket only) and reports to its
// parent (bench.mjs) over IPC. Several of these run at once so that 10,000 sockets are not all in one process.
//
// Messages from the parent:
//   {cmd: "connect", url, count, room?, concurrency?, auths?}  -> {type: "connected", connected, failed, ms}
//   {cmd: "close"}                                             -> {type: "closed"} and exit
// While connected, every "broadcast" event {seq} is counted; when all of this process's sockets have
// received seq, it counts as completed here, and {type: "progress", completed} is sent (coalesced).
import { io } from "socket.io-client";

const sockets = [];
let closing = false;
const pending = new Map(); // seq -> sockets that got it so far
let completed = 0;
let disconnected = 0;
let flushScheduled = false;

function flush() {
  flushScheduled = false;
  process.send({ type: "progress", completed, disconnected });
}

function onBroadcast(payload) {
  const seq = payload?.seq;
  if (seq === undefined) return;
  const n = (pending.get(seq) ?? 0) + 1;
  if (n < sockets.length) { pending.set(seq, n); return; }
  pending.delete(seq);
  completed++;
  if (!flushScheduled) { flushScheduled = true; setImmediate(flush); }
}

function connectOne(url, room, auth) {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
      ...(auth ? { auth } : {}),
    });
    const done = (ok) => { socket.off("connect_error"); resolve(ok ? socket : (socket.close(), null)); };
    socket.once("connect_error", () => done(false));
    socket.once("connect", () => {
      if (!room) return done(true);
      socket.emit("join", room, () => done(true));
    });
    socket.on("broadcast", onBroadcast);
    socket.on("disconnect", () => {
      if (closing) return;
      disconnected++;
      if (!flushScheduled) { flushScheduled = true; setImmediate(flush); }
    });
  });
}

async function connect({ url, count, room, concurrency = 100, auths }) {
  const t0 = performance.now();
  let next = 0, failed = 0;
  async function lane() {
    while (next < count) {
      const i = next++;
      const socket = await connectOne(url, room, auths?.[i]);
      if (socket) sockets.push(socket); else failed++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  process.send({ type: "connected", connected: sockets.length, failed, ms: performance.now() - t0 });
}

process.on("message", async (message) => {
  if (message.cmd === "connect") await connect(message);
  else if (message.cmd === "close") {
    closing = true;
    for (const s of sockets) s.close();
    process.send({ type: "closed" }, () => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));

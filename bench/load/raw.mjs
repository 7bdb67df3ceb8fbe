// A raw-protocol load-generator process for the realtime figures (echo, connect storm, idle memory): it speaks
// Engine.IO 4 / Socket.IO 5 itself over `ws` (WebSocket) or node:http (long-polling) instead of running
// socket.io-client, so that one process can drive thousands of sockets and the load generator is not what
// limits the server. bench.mjs forks several of these and reads their CPU from /proc.
//
// Messages from the parent (IPC):
//   {cmd: "connect", url, count, transport: "websocket"|"polling", concurrency}
//        -> {type: "connected", connected, failed, ms, hist}   (hist: connect times, see `histogram` below)
//   {cmd: "echo", seconds, inflight}   closed loop: `inflight` emits with an ack outstanding at any time, spread
//        round-robin over this process's sockets -> {type: "echo", count, hist, disconnected}
//   {cmd: "close"}  -> {type: "closed"} and exit
// With `room`, each socket joins it (emit "join" with an ack) once connected; then every "broadcast" event {seq}
// is counted, and when all of this process's sockets have received seq it counts as completed:
// {type: "progress", completed, disconnected} is sent (coalesced), as clients.mjs does.
// Every socket answers the server's pings, so a run longer than pingInterval stays connected.
import http from "node:http";
import WebSocket from "ws";

const PAYLOAD = JSON.stringify({ text: "Conversation 7f3a: customer is asking where their order is".padEnd(64, ".") });
const sockets = [];
let closing = false;
let disconnected = 0;

/** Latencies in log buckets of 1 % (ms → bucket), so processes can merge them exactly enough for p50/p99. */
const bucketOf = (ms) => Math.max(0, Math.round(Math.log(Math.max(ms, 0.001) * 1000) / Math.log(1.01)));
function record(hist, ms) { const b = bucketOf(ms); hist[b] = (hist[b] ?? 0) + 1; }

// ---------------------------------------------------------------- websocket

// Broadcast counting (as clients.mjs): seq -> sockets of this process that got it; when all have, it is completed.
const pending = new Map();
let completed = 0;
let flushScheduled = false;
function flush() { flushScheduled = false; process.send({ type: "progress", completed, disconnected }); }
function onBroadcast(text) {
  const at = text.indexOf('"seq":');
  if (at < 0) return;
  const seq = parseInt(text.slice(at + 6), 10);
  const n = (pending.get(seq) ?? 0) + 1;
  if (n < sockets.length) { pending.set(seq, n); return; }
  pending.delete(seq);
  completed++;
  if (!flushScheduled) { flushScheduled = true; setImmediate(flush); }
}

function wsConnect(url, room) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const s = { ws, acks: new Map(), nextId: 0, connected: false };
    let settled = false;
    const settle = (ok) => { if (settled) return; settled = true; resolve(ok ? { s, ms: performance.now() - t0 } : null); };
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      switch (text.charCodeAt(0)) {
        case 48: ws.send("40"); break; // "0" open -> CONNECT to "/"
        case 50: ws.send("3"); break; // "2" ping -> pong
        case 52: { // "4" message
          const kind = text.charCodeAt(1);
          if (kind === 48) { // "40" CONNECT ack, then join the room (with an ack) if asked
            s.connected = true;
            if (room) emit(s, "join", JSON.stringify(room), () => settle(true)); else settle(true);
          } else if (kind === 50) onBroadcast(text); // "42[...]" EVENT
          else if (kind === 51) { // "43<id>[...]" ACK
            let i = 2, id = 0;
            while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) id = id * 10 + text.charCodeAt(i++) - 48;
            const done = s.acks.get(id);
            if (done) { s.acks.delete(id); done(); }
          } else if (kind === 52) settle(false); // "44" CONNECT_ERROR
          break;
        }
        default: break;
      }
    });
    ws.on("error", () => settle(false));
    ws.on("close", () => {
      if (s.connected && !closing) {
        disconnected++;
        if (!flushScheduled) { flushScheduled = true; setImmediate(flush); }
      }
      s.connected = false;
      for (const done of s.acks.values()) done(true);
      s.acks.clear();
      settle(false);
    });
  });
}

function emit(s, event, json, onAck) {
  const id = s.nextId++;
  s.acks.set(id, onAck);
  s.ws.send(`42${id}["${event}",${json}]`);
}
const emitWithAck = (s, onAck) => emit(s, "message-with-ack", PAYLOAD, onAck);

// ---------------------------------------------------------------- long-polling (idle sessions only)

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function request(url, method, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { "content-type": "text/plain;charset=UTF-8" } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${method} ${res.statusCode} ${text}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Opens a polling session, CONNECTs to "/", then keeps one GET parked (answering pings) until closed. */
async function pollConnect(url) {
  const t0 = performance.now();
  try {
    const open = await request(`${url}/socket.io/?EIO=4&transport=polling`, "GET");
    const sid = JSON.parse(open.slice(open.indexOf("{"))).sid;
    const base = `${url}/socket.io/?EIO=4&transport=polling&sid=${sid}`;
    await request(base, "POST", "40");
    const s = { sid, connected: false, polling: true };
    for (;;) {
      const body = await request(base, "GET");
      if (body.split("\x1e").some((p) => p.startsWith("40"))) break;
    }
    s.connected = true;
    const ms = performance.now() - t0;
    (async () => {
      while (!closing) {
        let body;
        try { body = await request(base, "GET"); } catch { if (!closing) disconnected++; return; }
        const packets = body.split("\x1e");
        if (packets.includes("1")) { if (!closing) disconnected++; return; }
        if (packets.includes("2")) await request(base, "POST", "3").catch(() => {});
      }
    })();
    s.close = () => request(base, "POST", "1").catch(() => {});
    return { s, ms };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- commands

async function connect({ url, count, transport = "websocket", concurrency = 200, room }) {
  const t0 = performance.now();
  const hist = {};
  let next = 0, failed = 0;
  const open = transport === "polling" ? pollConnect : (u) => wsConnect(u, room);
  async function lane() {
    while (next < count) {
      next++;
      const r = await open(url);
      if (r) { sockets.push(r.s); record(hist, r.ms); } else failed++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  process.send({ type: "connected", connected: sockets.length, failed, ms: performance.now() - t0, hist });
}

function echo({ seconds, inflight }) {
  const hist = {};
  let count = 0, cursor = 0, stopped = false;
  const live = sockets.filter((s) => s.connected);
  if (live.length === 0) { process.send({ type: "echo", count: 0, hist, disconnected }); return; }
  const fire = () => {
    let s = live[cursor++ % live.length];
    for (let tries = 0; !s.connected && tries < live.length; tries++) s = live[cursor++ % live.length];
    if (!s.connected) return;
    const t = performance.now();
    emitWithAck(s, (lost) => {
      if (lost) return;
      count++;
      record(hist, performance.now() - t);
      if (!stopped) fire();
    });
  };
  for (let i = 0; i < inflight; i++) fire();
  setTimeout(() => {
    stopped = true;
    process.send({ type: "echo", count, hist, disconnected });
  }, seconds * 1000);
}

process.on("message", async (message) => {
  if (message.cmd === "connect") await connect(message);
  else if (message.cmd === "echo") echo(message);
  else if (message.cmd === "close") {
    closing = true;
    for (const s of sockets) {
      if (s.ws) s.ws.terminate(); else s.close?.();
    }
    agent.destroy();
    process.send({ type: "closed" }, () => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));

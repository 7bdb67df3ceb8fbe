// One cluster, two kinds of server: a Node.js socket.io 4.8 server on @socket.io/redis-streams-adapter and a
// Switchboard.SocketIO server (tests/SocketIO.Fixture) on RedisStreamsAdapter, sharing one Redis stream. Each
// server's own clients must see what the other server sends: broadcasts both ways, rooms, fetchSockets,
// serverSideEmit (with and without acks), remote join and disconnect, and connection state recovery of a
// client that leaves one kind of server and comes back to the other.
// Needs SWITCHBOARD_TEST_REDIS (scripts/test sets it); skipped without it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import { client, closeClients, until, ask, got, sharedInteropTests } from "./shared.mjs";
import { freePort, startFixture } from "../e2e/test/fixture.js";

const redisAddress = process.env.SWITCHBOARD_TEST_REDIS;
const skip = redisAddress ? false : "SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)";
const stream = `interop-${randomUUID().slice(0, 8)}`;

let redis;
let nodeIo;
let nodeUrl;
let dotnet;

before(async () => {
  if (skip) return;
  const [host, port] = redisAddress.split(":");
  redis = new Redis({ host, port: Number(port) });
  const http = createServer();
  nodeIo = new Server(http, {
    adapter: createAdapter(redis, { streamName: stream, channelPrefix: stream, sessionKeyPrefix: `${stream}:session:` }),
    connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
  });
  nodeIo.on("connection", (socket) => {
    socket.on("join", (room, ack) => { socket.join(room); ack("joined"); });
    socket.on("recovered", (ack) => ack({ recovered: socket.recovered, id: socket.id }));
  });
  nodeIo.on("hello-node", (value, ack) => ack(`node:${JSON.stringify(value)}`));
  const port2 = await freePort();
  await new Promise((ok) => http.listen(port2, "127.0.0.1", ok));
  nodeUrl = `http://127.0.0.1:${port2}`;
  dotnet = await startFixture(await freePort(), { FIXTURE_REDIS: redisAddress, FIXTURE_STREAM: stream, FIXTURE_RECOVERY_MS: "60000", FIXTURE_DEFAULT_PINGS: "1" });
  // Both sides subscribe to the pub/sub channels once connected; wait until each counts the other.
  await until(async () => (await redis.pubsub("NUMSUB", `${stream}#/#`))[1] === 2, 10_000, "both servers subscribed");
});

after(async () => {
  if (process.env.INTEROP_DEBUG) console.log(dotnet?.output());
  closeClients();
  nodeIo?.close();
  await dotnet?.stop();
  if (redis) {
    await redis.del(stream);
    redis.disconnect();
  }
});

sharedInteropTests({ skip, servers: () => ({ nodeIo, nodeUrl, dotnet }) });

test("recovery across kinds: a client of the .NET server is recovered by the Node server, missed events included", { skip }, async () => {
  const socket = await client(dotnet.url, { reconnection: false });
  assert.equal(await ask(socket, "join", "r3"), "joined");
  nodeIo.to("r3").emit("seq", 0);
  await until(() => got(socket, "seq").length === 1, 3000, "first event (the client's offset)");
  const id = socket.id;

  const gone = new Promise((ok) => socket.once("disconnect", ok));
  socket.io.engine.transport.ws.close();
  await gone;
  await until(async () => (await redis.keys(`${stream}:session:*`)).length > 0, 3000, "session kept in Redis");
  nodeIo.to("r3").emit("seq", 1);
  nodeIo.to("r3").emit("seq", 2);
  await new Promise((r) => setTimeout(r, 200));

  // Same client state (pid, last offset), now pointed at the Node.js server.
  socket.io.uri = nodeUrl;
  socket.io.opts.hostname = "127.0.0.1";
  socket.io.opts.port = new URL(nodeUrl).port;
  const back = new Promise((ok) => socket.once("connect", ok));
  socket.connect();
  await back;
  assert.equal(socket.recovered, true);
  assert.equal(socket.id, id);
  await until(() => got(socket, "seq").length === 3, 3000, "missed events replayed by Node");
  assert.deepEqual(got(socket, "seq").map((e) => e[0]), [0, 1, 2]);
  assert.deepEqual(await ask(socket, "recovered"), { recovered: true, id });
});

test("recovery across kinds, the other way: a client of the Node server is recovered by the .NET server", { skip }, async () => {
  const socket = await client(nodeUrl, { reconnection: false });
  assert.equal(await ask(socket, "join", "r4"), "joined");
  nodeIo.to("r4").emit("seq", 0);
  await until(() => got(socket, "seq").length === 1, 3000, "first event (the client's offset)");
  const id = socket.id;

  const gone = new Promise((ok) => socket.once("disconnect", ok));
  socket.io.engine.transport.ws.close();
  await gone;
  await until(async () => (await redis.keys(`${stream}:session:*`)).length > 0, 3000, "Node kept the session in Redis");
  nodeIo.to("r4").emit("seq", 1);
  nodeIo.to("other").emit("seq", 99);
  nodeIo.to("r4").emit("seq", 2);
  await new Promise((r) => setTimeout(r, 200));

  socket.io.uri = dotnet.url;
  socket.io.opts.hostname = "127.0.0.1";
  socket.io.opts.port = new URL(dotnet.url).port;
  const back = new Promise((ok) => socket.once("connect", ok));
  socket.connect();
  await back;
  assert.equal(socket.recovered, true);
  assert.equal(socket.id, id);
  await until(() => got(socket, "seq").length === 3, 3000, "missed events replayed by .NET");
  assert.deepEqual(got(socket, "seq").map((e) => e[0]), [0, 1, 2]);
  assert.deepEqual(await ask(socket, "recovered"), { recovered: true, id });
});

// socket.io-client keeps only the offset of the last packet it got and, after a cut, is sent everything after it:
// a packet that reached it out of stream order would come twice on recovery. The .NET server's own broadcasts and
// the Node server's, sent at the same time into one room, must reach a .NET client in stream order.
const streamOrder = (a, b) => {
  const [am, as] = a.split("-").map(BigInt);
  const [bm, bs] = b.split("-").map(BigInt);
  return am !== bm ? (am < bm ? -1 : 1) : as < bs ? -1 : as > bs ? 1 : 0;
};

test("a .NET server's own broadcasts and the other server's reach its client in stream order", { skip }, async () => {
  const socket = await client(dotnet.url, { reconnection: false });
  assert.equal(await ask(socket, "join", "order"), "joined");
  const count = 400;
  const dotnetDone = ask(socket, "sequence", "order", 0, count, 0);
  for (let i = 0; i < count; i++) {
    nodeIo.to("order").emit("seq", 10_000 + i);
    if (i % 5 === 4) await new Promise((r) => setImmediate(r));
  }
  assert.equal(await dotnetDone, "done");
  await until(() => got(socket, "seq").length === 2 * count, 15_000, `${2 * count} packets`);
  const offsets = got(socket, "seq").map((e) => e.at(-1));
  const backwards = offsets.flatMap((o, i) => (i > 0 && streamOrder(offsets[i - 1], o) >= 0 ? [`${offsets[i - 1]} then ${o}`] : []));
  assert.deepEqual(backwards, []);
  // Each server's own sequence in the order it sent it.
  const values = got(socket, "seq").map((e) => e[0]);
  assert.deepEqual(values.filter((v) => v < 10_000), Array.from({ length: count }, (_, i) => i));
  assert.deepEqual(values.filter((v) => v >= 10_000), Array.from({ length: count }, (_, i) => 10_000 + i));
});

test("broadcasts with acknowledgements cross both ways: each server's call gets the other server's sockets' answers", { skip }, async () => {
  const onNode = await client(nodeUrl);
  const onDotnet = await client(dotnet.url);
  onNode.on("question", (n, ack) => ack(`node:${n}`));
  onDotnet.on("question", (n, ack) => ack(`dotnet:${n}`));
  assert.equal(await ask(onNode, "join", "acks"), "joined");
  assert.equal(await ask(onDotnet, "join", "acks"), "joined");

  // Asked by Node: the .NET server counts its socket, sends it the event, and carries its answer back.
  const fromNode = await nodeIo.to("acks").timeout(10_000).emitWithAck("question", 7);
  assert.deepEqual(fromNode.sort(), ["dotnet:7", "node:7"]);

  // Asked by .NET: Node's socket answers through the Node server.
  assert.deepEqual(await ask(onDotnet, "ask-room", "acks", 10_000, 8), { answers: ["dotnet:8", "node:8"] });

  // A socket on the other server that never answers: a timeout that names how many were asked and keeps the answers.
  const silent = await client(nodeUrl);
  assert.equal(await ask(silent, "join", "acks"), "joined");
  assert.deepEqual(await ask(onDotnet, "ask-room", "acks", 1500, 9), { timeout: true, expected: 3, answers: ["dotnet:9", "node:9"] });
});

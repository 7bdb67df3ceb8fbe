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
import { io as connectClient } from "socket.io-client";
import { freePort, startFixture } from "../e2e/test/fixture.js";

const redisAddress = process.env.SWITCHBOARD_TEST_REDIS;
const skip = redisAddress ? false : "SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)";
const stream = `interop-${randomUUID().slice(0, 8)}`;

let redis;
let nodeIo;
let nodeUrl;
let dotnet;
const clients = [];

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
  for (const c of clients) c.close();
  nodeIo?.close();
  await dotnet?.stop();
  if (redis) {
    await redis.del(stream);
    redis.disconnect();
  }
});

function client(url, options = {}) {
  const socket = connectClient(url, { transports: ["websocket"], forceNew: true, ...options });
  socket.events = [];
  socket.onAny((event, ...args) => socket.events.push([event, ...args]));
  clients.push(socket);
  return new Promise((ok, fail) => {
    socket.once("connect", () => ok(socket));
    socket.once("connect_error", fail);
  });
}

// Generous: a first call JIT-compiles the .NET paths, slow on a loaded CI machine.
const ask = (socket, event, ...args) => socket.timeout(15000).emitWithAck(event, ...args);
const got = (socket, event) => socket.events.filter((e) => e[0] === event).map((e) => e.slice(1));

async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("broadcasts cross both ways, rooms respected", { skip }, async () => {
  const onNode = await client(nodeUrl);
  const onDotnet = await client(dotnet.url);
  const outsider = await client(dotnet.url);
  assert.equal(await ask(onNode, "join", "r1"), "joined");
  assert.equal(await ask(onDotnet, "join", "r1"), "joined");

  nodeIo.to("r1").emit("broadcast", "from-node", { n: 1 });
  await until(() => got(onDotnet, "broadcast").length === 1, 3000, "Node → .NET broadcast");
  // With recovery on, socket.io-client hands the offset to listeners as a last argument (it keeps it too).
  assert.deepEqual(got(onDotnet, "broadcast")[0].slice(0, 2), ["from-node", { n: 1 }]);

  onDotnet.emit("broadcast", "r1", "from-dotnet", [2, 3]);
  await until(() => got(onNode, "broadcast").some((e) => e[0] === "from-dotnet"), 3000, ".NET → Node broadcast");
  assert.deepEqual(got(onNode, "broadcast").find((e) => e[0] === "from-dotnet").slice(0, 2), ["from-dotnet", [2, 3]]);

  // Binary parts travel as MessagePack in the stream.
  nodeIo.to("r1").emit("bytes", Buffer.from([1, 2, 3]));
  await until(() => got(onDotnet, "bytes").length === 1, 3000, "Node → .NET binary broadcast");
  assert.deepEqual([...new Uint8Array(got(onDotnet, "bytes")[0][0])], [1, 2, 3]);

  await new Promise((r) => setTimeout(r, 200));
  assert.equal(got(outsider, "broadcast").length, 0, "not in r1: nothing");
});

test("fetchSockets sees the other server's sockets, from either side", { skip }, async () => {
  const onNode = await client(nodeUrl);
  const onDotnet = await client(dotnet.url);
  const fromNode = (await nodeIo.fetchSockets()).map((s) => s.id);
  assert.ok(fromNode.includes(onNode.id) && fromNode.includes(onDotnet.id), "Node's fetchSockets lists the .NET socket");
  const remote = (await nodeIo.in(onDotnet.id).fetchSockets())[0];
  assert.deepEqual(remote.rooms, new Set([onDotnet.id]));
  const fromDotnet = await ask(onDotnet, "fetch-all");
  assert.ok(fromDotnet.includes(onNode.id) && fromDotnet.includes(onDotnet.id), ".NET's FetchClusterSocketsAsync lists the Node socket");
});

test("serverSideEmit with and without acks, both ways", { skip }, async () => {
  const answers = await nodeIo.serverSideEmitWithAck("hello", 42);
  assert.deepEqual(answers, ["dotnet:42"]);

  const onDotnet = await client(dotnet.url);
  assert.deepEqual(await ask(onDotnet, "ask-servers", { a: 1 }), ['node:{"a":1}']);

  nodeIo.serverSideEmit("note", "from node");
  await until(() => got(onDotnet, "note").length === 1, 3000, ".NET handler got Node's serverSideEmit");
  assert.equal(got(onDotnet, "note")[0][0], "from node");

  const noted = new Promise((ok) => nodeIo.once("note", (...args) => ok(args)));
  onDotnet.emit("tell-servers", "from dotnet");
  assert.deepEqual(await noted, ["from dotnet"]);
});

test("remote join and disconnect: Node acts on a .NET socket and the other way round", { skip }, async () => {
  const onNode = await client(nodeUrl);
  const onDotnet = await client(dotnet.url);
  nodeIo.in(onDotnet.id).socketsJoin("r2");
  await until(async () => (await nodeIo.in("r2").fetchSockets()).length === 1, 3000, ".NET socket joined r2");
  nodeIo.to("r2").emit("in-r2");
  await until(() => got(onDotnet, "in-r2").length === 1, 3000, "event to r2 reaches the .NET socket");

  const gone = new Promise((ok) => onNode.once("disconnect", ok));
  onDotnet.emit("disconnect-sockets", onNode.id);
  assert.equal(await gone, "io server disconnect");
});

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

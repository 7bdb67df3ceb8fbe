// One cluster, two kinds of server: a Node.js socket.io 4.8 server on @socket.io/redis-adapter (pub/sub) and a
// Switchboard.SocketIO server (tests/SocketIO.Fixture) on the pub/sub RedisAdapter with NodeCompatible, on one
// Redis. Each server's own clients must see what the other server sends: broadcasts both ways (one room, several
// rooms, binary), fetchSockets, serverSideEmit (with and without acks), remote join and disconnect.
// Needs SWITCHBOARD_TEST_REDIS (scripts/test sets it); skipped without it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { client, closeClients, until, ask, sharedInteropTests } from "./shared.mjs";
import { freePort, startFixture } from "../e2e/test/fixture.js";

const redisAddress = process.env.SWITCHBOARD_TEST_REDIS;
const skip = redisAddress ? false : "SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)";
const stream = `interop-pubsub-${randomUUID().slice(0, 8)}`;
let sub;

let redis;
let nodeIo;
let nodeUrl;
let dotnet;

before(async () => {
  if (skip) return;
  const [host, port] = redisAddress.split(":");
  redis = new Redis({ host, port: Number(port) });
  sub = redis.duplicate();
  const http = createServer();
  nodeIo = new Server(http, {
    adapter: createAdapter(redis, sub, { key: stream }),
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
  dotnet = await startFixture(await freePort(), { FIXTURE_REDIS: redisAddress, FIXTURE_STREAM: stream, FIXTURE_REDIS_ADAPTER: "node-pubsub", FIXTURE_RECOVERY_MS: "60000", FIXTURE_DEFAULT_PINGS: "1" });
  // Both sides subscribe to the pub/sub channels once connected; wait until each counts the other.
  await until(async () => (await redis.pubsub("NUMSUB", `${stream}-request#/#`))[1] === 2, 10_000, "both servers subscribed");
});

after(async () => {
  if (process.env.INTEROP_DEBUG) console.log(dotnet?.output());
  closeClients();
  nodeIo?.close();
  await dotnet?.stop();
  if (redis) {
    sub.disconnect();
    redis.disconnect();
  }
});

sharedInteropTests({ skip, servers: () => ({ nodeIo, nodeUrl, dotnet }) });

test("allRooms: each kind of server lists the rooms of the other (Node's ALL_ROOMS request)", { skip }, async () => {
  const onNode = await client(nodeUrl);
  const onDotnet = await client(dotnet.url);
  assert.equal(await ask(onNode, "join", "node-only-room"), "joined");
  assert.equal(await ask(onDotnet, "join", "dotnet-only-room"), "joined");

  const fromNode = await nodeIo.of("/").adapter.allRooms();
  assert.ok(fromNode.has("dotnet-only-room"), "Node's allRooms() includes the .NET server's room");
  assert.ok(fromNode.has(onDotnet.id), "… and the .NET socket's own room, as Node lists its own");
  assert.ok(fromNode.has("node-only-room"));

  const fromDotnet = await ask(onDotnet, "all-rooms");
  assert.ok(Array.isArray(fromDotnet), JSON.stringify(fromDotnet));
  for (const room of ["node-only-room", onNode.id, "dotnet-only-room", onDotnet.id]) assert.ok(fromDotnet.includes(room), `${room} in ${fromDotnet}`);
});

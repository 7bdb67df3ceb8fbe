// The streams adapter with streamCount 3 on both kinds of server (Node's @socket.io/redis-streams-adapter and
// Switchboard.SocketIO's RedisStreamsAdapter with StreamCount = 3): a namespace's entries go to the stream Node's
// hash names ("/" → `${streamName}-2`), and everything the shared interop checks cover still crosses both ways.
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
const stream = `interop-count-${randomUUID().slice(0, 8)}`;

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
    adapter: createAdapter(redis, { streamName: stream, streamCount: 3, channelPrefix: stream, sessionKeyPrefix: `${stream}:session:` }),
    connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
  });
  nodeIo.on("connection", (socket) => {
    socket.on("join", (room, ack) => { socket.join(room); ack("joined"); });
  });
  nodeIo.on("hello-node", (value, ack) => ack(`node:${JSON.stringify(value)}`));
  const port2 = await freePort();
  await new Promise((ok) => http.listen(port2, "127.0.0.1", ok));
  nodeUrl = `http://127.0.0.1:${port2}`;
  dotnet = await startFixture(await freePort(), { FIXTURE_REDIS: redisAddress, FIXTURE_STREAM: stream, FIXTURE_STREAM_COUNT: "3", FIXTURE_RECOVERY_MS: "60000", FIXTURE_DEFAULT_PINGS: "1" });
  await until(async () => (await redis.pubsub("NUMSUB", `${stream}#/#`))[1] === 2, 10_000, "both servers subscribed");
});

after(async () => {
  closeClients();
  nodeIo?.close();
  await dotnet?.stop();
  if (redis) {
    for (const key of await redis.keys(`${stream}*`)) await redis.del(key);
    redis.disconnect();
  }
});

sharedInteropTests({ skip, servers: () => ({ nodeIo, nodeUrl, dotnet }) });

test("streamCount 3: both servers append the namespace \"/\" to the stream Node's hash names, and nothing to the bare name", { skip }, async () => {
  const onNode = await client(nodeUrl);
  const onDotnet = await client(dotnet.url);
  assert.equal(await ask(onNode, "join", "count"), "joined");
  assert.equal(await ask(onDotnet, "join", "count"), "joined");
  const before = await redis.xlen(`${stream}-2`);
  onDotnet.emit("broadcast", "count", "from-dotnet");
  nodeIo.to("count").emit("broadcast", "from-node");
  await until(() => got(onNode, "broadcast").some((e) => e[0] === "from-dotnet"), 5000, ".NET → Node");
  await until(() => got(onDotnet, "broadcast").some((e) => e[0] === "from-node"), 5000, "Node → .NET");
  assert.ok(await redis.xlen(`${stream}-2`) >= before + 2, "both broadcasts are in the stream of \"/\"");
  assert.equal(await redis.exists(stream), 0, "no entry went to the bare stream name");
});

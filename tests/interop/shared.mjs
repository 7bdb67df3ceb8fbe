// The interop checks both adapters share (tests/interop/*.test.mjs): a Node.js socket.io 4.8 server and a
// Switchboard.SocketIO server on one Redis, each with its own clients. Each test file starts its pair of servers
// and hands them here through `servers()` (they exist only once its before() has run).
import { test } from "node:test";
import assert from "node:assert/strict";
import { io as connectClient } from "socket.io-client";

const clients = [];

export function closeClients() {
  for (const c of clients) c.close();
}

export function client(url, options = {}) {
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
export const ask = (socket, event, ...args) => socket.timeout(15000).emitWithAck(event, ...args);
export const got = (socket, event) => socket.events.filter((e) => e[0] === event).map((e) => e.slice(1));

export async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The checks of one Node + .NET pair: `servers()` gives { nodeIo, nodeUrl, dotnet }; `skip` as node:test takes it. */
export function sharedInteropTests({ skip, servers }) {
  test("broadcasts cross both ways, rooms respected", { skip }, async () => {
    const { nodeIo, nodeUrl, dotnet } = servers();
    const onNode = await client(nodeUrl);
    const onDotnet = await client(dotnet.url);
    const outsider = await client(dotnet.url);
    assert.equal(await ask(onNode, "join", "r1"), "joined");
    assert.equal(await ask(onDotnet, "join", "r1"), "joined");

    nodeIo.to("r1").emit("broadcast", "from-node", { n: 1 });
    nodeIo.to(["r1", "r9"]).emit("several", "rooms");
    await until(() => got(onDotnet, "broadcast").length === 1, 3000, "Node → .NET broadcast");
    // With recovery on, socket.io-client hands the offset to listeners as a last argument (it keeps it too).
    assert.deepEqual(got(onDotnet, "broadcast")[0].slice(0, 2), ["from-node", { n: 1 }]);

    await until(() => got(onDotnet, "several").length === 1, 3000, "Node → .NET broadcast to several rooms");
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
    const { nodeIo, nodeUrl, dotnet } = servers();
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
    const { nodeIo, nodeUrl, dotnet } = servers();
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
    const { nodeIo, nodeUrl, dotnet } = servers();
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

  test("volatile broadcasts cross both ways, with no recovery offset", { skip }, async () => {
    const { nodeIo, nodeUrl, dotnet } = servers();
    const onNode = await client(nodeUrl);
    const onDotnet = await client(dotnet.url);
    assert.equal(await ask(onNode, "join", "vol"), "joined");
    assert.equal(await ask(onDotnet, "join", "vol"), "joined");

    nodeIo.volatile.to("vol").emit("broadcast", "volatile-from-node");
    await until(() => got(onDotnet, "broadcast").some((e) => e[0] === "volatile-from-node"), 5000, "Node → .NET volatile broadcast");
    // With recovery on, a recoverable packet ends with its offset: a volatile one has none.
    assert.deepEqual(got(onDotnet, "broadcast").find((e) => e[0] === "volatile-from-node"), ["volatile-from-node"]);

    onDotnet.emit("broadcast-volatile", "vol", "volatile-from-dotnet");
    await until(() => got(onNode, "broadcast").some((e) => e[0] === "volatile-from-dotnet"), 5000, ".NET → Node volatile broadcast");
    assert.deepEqual(got(onNode, "broadcast").find((e) => e[0] === "volatile-from-dotnet"), ["volatile-from-dotnet"]);
  });
}

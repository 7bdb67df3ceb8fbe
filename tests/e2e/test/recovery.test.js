// Connection state recovery with the official socket.io-client (option connectionStateRecovery on the server):
// after a cut the client reconnects with its pid and last offset, and gets its id, rooms and every missed event.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { freePort, startFixture, once, PATIENCE_MS } from "./fixture.js";

const options = { transports: ["websocket"], reconnectionDelay: 50, reconnectionDelayMax: 100, timeout: 2000 };

/** Collects the values of "seq" events, checking each arrives once and in order. */
function collect(socket) {
  const seen = [];
  socket.on("seq", (value) => seen.push(value));
  return seen;
}

/** Closes the WebSocket under the client (as a network loss would) and waits for it to notice; no automatic reconnection. */
async function cut(socket) {
  socket.io.reconnection(false);
  const gone = once(socket, "disconnect");
  socket.io.engine.transport.ws.close();
  const [reason] = await gone;
  assert.equal(reason, "transport close");
}

async function reconnect(socket) {
  const back = once(socket, "connect");
  socket.io.reconnection(true);
  socket.connect();
  await back;
}

const ask = (socket, event, ...args) => socket.timeout(PATIENCE_MS).emitWithAck(event, ...args);

describe("connection state recovery", { timeout: 600_000 }, () => {
  let fixture;
  let short;
  const sockets = [];
  const open = (url) => {
    const socket = io(url, { ...options, forceNew: true });
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    fixture = await startFixture(await freePort(), { FIXTURE_RECOVERY_MS: "120000", FIXTURE_DEFAULT_PINGS: "1" });
    short = await startFixture(await freePort(), { FIXTURE_RECOVERY_MS: "400", FIXTURE_DEFAULT_PINGS: "1" });
  });

  after(async () => {
    for (const socket of sockets) socket.close();
    await fixture?.stop();
    await short?.stop();
  });

  it("replays every event sent during a cut, in order and once, and restores id and rooms", async () => {
    const socket = open(fixture.url);
    const seen = collect(socket);
    await once(socket, "connect");
    assert.equal(socket.recovered, false);
    assert.equal(await ask(socket, "join", "room-a"), "joined");
    const controller = open(fixture.url);
    await once(controller, "connect");

    // One event before the cut gives the client an offset to come back with.
    await ask(controller, "sequence", "room-a", 0, 1, 0);
    await waitFor(() => seen.length === 1);
    const id = socket.id;

    await cut(socket);
    await ask(controller, "sequence", "room-a", 1, 20, 0);
    await new Promise((r) => setTimeout(r, 300));
    // Events keep coming while the client reconnects: replay and live delivery overlap.
    const streaming = ask(controller, "sequence", "room-a", 21, 30, 5);
    await reconnect(socket);
    assert.equal(socket.recovered, true);
    assert.equal(socket.id, id);
    await streaming;
    await waitFor(() => seen.length >= 51);
    assert.deepEqual(seen, Array.from({ length: 51 }, (_, i) => i));

    // Still in room-a without joining again, and the server agrees it was recovered.
    await ask(controller, "sequence", "room-a", 51, 1, 0);
    await waitFor(() => seen.length === 52);
    assert.deepEqual(await ask(socket, "recovered"), { recovered: true, id });
  });

  it("gives a fresh session after MaxDisconnectionDuration", async () => {
    const socket = open(short.url);
    const seen = collect(socket);
    await once(socket, "connect");
    assert.equal(await ask(socket, "join", "room-b"), "joined");
    const controller = open(short.url);
    await once(controller, "connect");
    await ask(controller, "sequence", "room-b", 0, 1, 0);
    await waitFor(() => seen.length === 1);
    const id = socket.id;

    await cut(socket);
    await ask(controller, "sequence", "room-b", 1, 3, 0);
    await new Promise((r) => setTimeout(r, 800));
    await reconnect(socket);
    assert.equal(socket.recovered, false);
    assert.notEqual(socket.id, id);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(seen, [0]);
    // Not in room-b any more: a fresh session has only its own room.
    await ask(controller, "sequence", "room-b", 4, 1, 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(seen, [0]);
  });
});

async function waitFor(condition, ms = PATIENCE_MS) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

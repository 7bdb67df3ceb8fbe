// The official socket.io-client against the fixture with UseSocketIOWebSockets on: WebSockets of /socket.io are
// served by Kestrel's connection middleware instead of an HTTP request kept alive under them (issue 31).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { freePort, startFixture, once, PATIENCE_MS } from "./fixture.js";

describe("socket.io-client with the connection handler on", { timeout: 600_000 }, () => {
  let fixture;
  const clients = [];

  function connect(opts = {}) {
    const socket = io(fixture.url, { reconnection: false, forceNew: true, timeout: PATIENCE_MS, ...opts });
    clients.push(socket);
    return socket;
  }

  /** WebSockets the connection handler accepted so far (the fixture's diagnostic route, itself served by Kestrel). */
  async function handled() {
    const res = await fetch(`${fixture.url}/diagnostics/connection-handler`);
    assert.equal(res.status, 200);
    return Number(await res.text());
  }

  before(async () => {
    fixture = await startFixture(await freePort(), { FIXTURE_DEFAULT_PINGS: "1", FIXTURE_CONNECTION_HANDLER: "1" });
  });

  after(async () => {
    clients.forEach((c) => c.close());
    await fixture?.stop();
  });

  it("connects with WebSocket only and answers an emit with ack", async () => {
    const before = await handled();
    const socket = connect({ transports: ["websocket"] });
    await once(socket, "connect");
    assert.equal(socket.io.engine.transport.name, "websocket");
    const answer = await socket.timeout(PATIENCE_MS).emitWithAck("message-with-ack", { text: "é€", n: 1 });
    assert.deepEqual(answer, { text: "é€", n: 1 });
    assert.equal(await handled(), before + 1);
  });

  it("upgrades from polling to websocket", async () => {
    const before = await handled();
    const socket = connect();
    const upgraded = new Promise((resolve) => socket.io.once("open", () => socket.io.engine.once("upgrade", (t) => resolve(t.name))));
    await once(socket, "connect");
    assert.equal(await upgraded, "websocket");
    const answer = await socket.timeout(PATIENCE_MS).emitWithAck("message-with-ack", "after upgrade");
    assert.equal(answer, "after upgrade");
    assert.equal(await handled(), before + 1);
  });

  it("delivers a room broadcast to a socket it serves", async () => {
    const receiver = connect({ transports: ["websocket"] });
    await once(receiver, "connect");
    assert.equal(await receiver.timeout(PATIENCE_MS).emitWithAck("join", "handler-room"), "joined");
    const sender = connect({ transports: ["polling"] });
    await once(sender, "connect");
    const got = once(receiver, "broadcast");
    sender.emit("broadcast", "handler-room", "hi");
    assert.deepEqual(await got, ["hi"]);
  });
});

import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { freePort, startFixture, stopFixture, once } from "./fixture.js";

describe("reconnection", { timeout: 600_000 }, () => {
  let fixture;
  let socket;

  after(async () => {
    socket?.close();
    await fixture?.stop();
  });

  it("reconnects by itself after the server process is killed and restarted on the same port", async () => {
    const port = await freePort();
    fixture = await startFixture(port);
    socket = io(fixture.url, { transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 500, timeout: 2000 });
    await once(socket, "connect");
    const firstId = socket.id;

    const disconnected = once(socket, "disconnect");
    await stopFixture(fixture.child, "SIGKILL");
    const [reason] = await disconnected;
    assert.equal(reason, "transport close");

    const reconnected = once(socket, "connect");
    fixture = await startFixture(port);
    await reconnected;
    assert.equal(socket.connected, true);
    assert.notEqual(socket.id, firstId);

    socket.emit("message", "back again");
    const [value] = await once(socket, "message-back");
    assert.equal(value, "back again");
  });
});

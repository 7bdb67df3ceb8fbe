// An independent client beside the official JavaScript one: Debian's python3-socketio (python-socketio 5.x, its
// own Engine.IO and Socket.IO implementation) connects to SocketIO.Fixture over WebSocket and over HTTP
// long-polling and checks events, acknowledgements both ways, binary attachments, rooms and namespace auth.
// Debian's Python packages run only under /usr/bin/python3; the test installs them with apt when missing.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { freePort, startFixture } from "./fixture.js";

const python = "/usr/bin/python3";
const client = path.join(path.dirname(fileURLToPath(import.meta.url)), "python/client.py");
const packages = ["python3-socketio", "python3-requests", "python3-websocket"];

function hasClient() {
  return spawnSync(python, ["-c", "import socketio, requests, websocket"], { stdio: "ignore" }).status === 0;
}

function ensureClient() {
  if (hasClient()) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = ["-y", "-q", "-o", "DPkg::Lock::Timeout=600"];
  execFileSync("apt-get", [...apt, "update"], { env, stdio: "ignore" });
  execFileSync("apt-get", [...apt, "install", "--no-install-recommends", ...packages], { env, stdio: "ignore" });
  assert.ok(hasClient(), `${packages.join(", ")} installed but not importable by ${python}`);
}

describe("python3-socketio against SocketIO.Fixture", { timeout: 300000 }, () => {
  let fixture;

  before(async () => {
    ensureClient();
    // Node's heartbeat (25 s / 20 s), not the fixture's 300 ms / 200 ms for the protocol suites: on a loaded machine
    // hundreds of clients cannot all answer a ping within 200 ms, and these tests are not about the heartbeat.
    fixture = await startFixture(await freePort(), { FIXTURE_DEFAULT_PINGS: "1" });
  });

  after(async () => {
    await fixture?.stop();
  });

  for (const transport of ["websocket", "polling"]) {
    it(`passes every check over ${transport}`, () => {
      const run = spawnSync(python, [client, fixture.url, transport], { encoding: "utf8", timeout: 120000 });
      const passed = run.stdout.split("\n").filter((line) => line.startsWith("ok "));
      assert.equal(run.status, 0, `client failed:\n${run.stdout}\n${run.stderr}`);
      assert.deepEqual(passed.map((line) => line.split(" ")[1]), ["connect", "ack", "binary", "server-ack", "room", "namespace-auth", "disconnect"]);
    });
  }
});

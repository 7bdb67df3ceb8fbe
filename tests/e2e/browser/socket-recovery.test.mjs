// Connection state recovery in a real browser: Chromium runs the official socket.io-client (its browser build)
// against the Socket.IO fixture; the page's websocket is cut, events are sent to its room while it is away, and
// on reconnecting the page is the same socket (recovered), with every missed event once and in order.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { io } from "socket.io-client";
import { launch } from "./browser.mjs";
import { freePort, startFixture, PATIENCE_MS } from "../test/fixture.js";

const require = createRequire(import.meta.url);
// The package's browser build (not in its "exports", so found next to its package.json).
const clientBuild = join(dirname(require.resolve("socket.io-client/package.json")), "dist/socket.io.min.js");

let fixture;
let browser;
let sender;
let pages;
let pageUrl;

before(async () => {
  const build = readFileSync(clientBuild);
  pages = createServer((req, res) => {
    if (req.url === "/socket.io.min.js") res.writeHead(200, { "content-type": "text/javascript" }).end(build);
    else res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><title>recovery</title><script src="/socket.io.min.js"></script>');
  });
  const port = await freePort();
  await new Promise((ok) => pages.listen(port, "127.0.0.1", ok));
  pageUrl = `http://127.0.0.1:${port}/`;
  fixture = await startFixture(await freePort(), { FIXTURE_RECOVERY_MS: "120000", FIXTURE_DEFAULT_PINGS: "1" });
  browser = await launch();
  sender = io(fixture.url, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise((ok, fail) => { sender.once("connect", ok); sender.once("connect_error", fail); });
}, { timeout: 180_000 });

after(async () => {
  sender?.close();
  await browser?.close();
  await fixture?.stop();
  pages?.close();
});

test("a browser whose websocket is cut comes back as the same socket with every event it missed, once, in order", { timeout: 300_000 }, async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(PATIENCE_MS);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // A real page on loopback with the client's browser build (a page the browser made up itself would be refused
  // loopback websockets by Chromium's local network access checks).
  await page.goto(pageUrl);

  const first = await page.evaluate(async (url) => {
    const s = io(url, { transports: ["websocket"], reconnection: false });
    window.s = s;
    window.seen = [];
    s.on("seq", (n) => window.seen.push(n));
    await new Promise((ok, fail) => { s.once("connect", ok); s.once("connect_error", fail); });
    return { id: s.id, joined: await s.timeout(60_000).emitWithAck("join", "browser-room") };
  }, fixture.url);
  assert.equal(first.joined, "joined");

  assert.equal(await sender.timeout(PATIENCE_MS).emitWithAck("sequence", "browser-room", 0, 1, 0), "done");
  await page.waitForFunction(() => window.seen.length === 1);

  // The cut: the browser's websocket closes under the client (as a network drop would); the server keeps the session.
  const reason = await page.evaluate(() => new Promise((ok) => {
    window.s.once("disconnect", ok);
    window.s.io.engine.transport.ws.close();
  }));
  assert.equal(reason, "transport close");

  // Sent while the page is away.
  assert.equal(await sender.timeout(PATIENCE_MS).emitWithAck("sequence", "browser-room", 1, 3, 0), "done");

  const back = await page.evaluate(() => new Promise((ok, fail) => {
    window.s.once("connect", () => ok({ id: window.s.id, recovered: window.s.recovered }));
    window.s.once("connect_error", fail);
    window.s.connect();
  }));
  assert.deepEqual(back, { id: first.id, recovered: true });
  await page.waitForFunction(() => window.seen.length >= 4);
  // And the room is still joined: a later event arrives with no new join.
  assert.equal(await sender.timeout(PATIENCE_MS).emitWithAck("sequence", "browser-room", 4, 1, 0), "done");
  await page.waitForFunction(() => window.seen.length >= 5);
  assert.deepEqual(await page.evaluate(() => window.seen), [0, 1, 2, 3, 4]);
  assert.deepEqual(errors, []);
});

#!/usr/bin/env node
// A mail sink for Switchboard's tests: a real SMTP server (the smtp-server package) that accepts every
// message and writes it, byte for byte as received, to <dir>/<n>.eml.
//
//   node sink.mjs --port 2525 --dir /tmp/mail [--host 127.0.0.1] [--exit-with-stdin]
//
// Prints "listening on <port>" once it accepts connections, so a test can wait for that line.
// Only loopback by default: it is a test fixture, not a relay.
import { SMTPServer } from "smtp-server";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback !== undefined) return fallback;
  console.error(`usage: node sink.mjs --port N --dir D [--host H]  (missing --${name})`);
  process.exit(2);
}

const port = Number.parseInt(option("port"), 10);
const dir = option("dir");
const host = option("host", "127.0.0.1");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${option("port")}`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });

let received = 0;

const server = new SMTPServer({
  // Plain SMTP without login: the client under test must not need TLS or credentials here.
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  banner: "switchboard smtp sink",
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      if (stream.sizeExceeded) return callback(new Error("Message too large"));
      received += 1;
      const name = `${Date.now()}-${String(received).padStart(4, "0")}-${randomUUID()}`;
      // Written under a temporary name and renamed, so a reader never sees half a message.
      const temporary = join(dir, `${name}.tmp`);
      writeFileSync(temporary, Buffer.concat(chunks));
      renameSync(temporary, join(dir, `${name}.eml`));
      callback();
    });
  },
});

server.on("error", (error) => {
  console.error(`smtp sink error: ${error.message}`);
  if (error.code === "EADDRINUSE") process.exit(1);
});

server.listen(port, host, () => {
  console.log(`listening on ${server.server.address().port}`);
});

function stop() {
  server.close(() => process.exit(0));
  // Open client connections must not keep a stopped sink alive.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// With --exit-with-stdin, the test that started us may die without signalling: its end of our stdin closes.
if (process.argv.includes("--exit-with-stdin")) {
  process.stdin.on("end", stop);
  process.stdin.resume();
}

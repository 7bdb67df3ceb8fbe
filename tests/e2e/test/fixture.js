// Builds the SocketIO.Fixture app once and runs it on a free loopback port for a test file.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const project = path.join(repoRoot, "tests/SocketIO.Fixture/SocketIO.Fixture.csproj");
const dll = path.join(repoRoot, "tests/SocketIO.Fixture/bin/Debug/net10.0/SocketIO.Fixture.dll");

let built = false;

export function buildFixture() {
  if (built) return;
  if (process.env.E2E_SKIP_BUILD !== "1" || !fs.existsSync(dll)) {
    execFileSync("dotnet", ["build", project, "-c", "Debug", "--nologo", "-v", "q"], { stdio: "inherit" });
  }
  built = true;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the fixture on `port` and resolves once it accepts requests. */
export async function startFixture(port, env = {}) {
  buildFixture();
  const child = spawn("dotnet", [dll, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  // A bound against a fixture that never starts; a loaded machine may need long (SWITCHBOARD_E2E_START_SECONDS).
  const deadline = Date.now() + Number(process.env.SWITCHBOARD_E2E_START_SECONDS ?? 90) * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`fixture exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
      if (res.status === 200) {
        await res.text();
        return { child, port, url: `http://127.0.0.1:${port}`, stop: () => stopFixture(child), output: () => output };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`fixture did not start: ${output}`);
}

export function stopFixture(child, signal = "SIGTERM") {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Resolves with the first emission of `event`, or rejects after `ms`. The default is long on purpose: these tests
 * check what happens, not how fast (that is bench/), and a loaded CI machine must not fail them.
 */
export const PATIENCE_MS = 60_000;
export function once(emitter, event, ms = PATIENCE_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for "${event}"`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

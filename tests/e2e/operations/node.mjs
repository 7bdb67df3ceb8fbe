// One Switchboard process for the operations tests: the built dll on a free loopback port over a fresh SQLite file,
// started with Node's spawn so that SIGINT reaches it with its default meaning (a shell's `cmd &` would ignore it),
// its stdout kept line by line.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { builtDll, freePort } from "../switchboard/service.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export async function startNode(settings = {}) {
  const port = await freePort();
  const dir = join(tmpdir(), `switchboard-ops-${randomUUID().slice(0, 8)}`);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("dotnet", [builtDll()], {
    cwd: join(root, "src/Switchboard"),
    env: {
      ...process.env,
      Urls: url,
      Database__Provider: "sqlite",
      ConnectionStrings__Switchboard: `Data Source=${join(dir, "sb.db")}`,
      Email__PickupDirectory: join(dir, "mail"),
      Security__PasswordHasher__IterationCount: "1000",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Switchboard exited early:\n${out}${err}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Switchboard did not start within 60 s:\n${out}${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    mailDir: join(dir, "mail"),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest link token of a kind ("verify-email", "reset-password") in mail to `email`, once the outbox delivered it. */
export async function mailedToken(node, email, path, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const files = existsSync(node.mailDir) ? readdirSync(node.mailDir).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const text = readFileSync(join(node.mailDir, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
      if (!text.toLowerCase().includes(`to: ${email.toLowerCase()}`)) continue;
      const token = new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];
      if (token) return token;
    }
    if (Date.now() > deadline) throw new Error(`no ${path} mail to ${email} in ${node.mailDir} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the exit, or rejects when it takes longer than `ms` (a bound on the wait, not a sleep). */
export function exitWithin(node, ms) {
  let timer;
  return Promise.race([
    node.exited.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`still running ${ms} ms after the signal`)), ms))),
  ]);
}

// A clone in a folder other users cannot enter: what `mktemp -d` makes (0700), and what root's home is. As root,
// PostgreSQL runs as the `postgres` OS user, which cannot reach the clone's .tmp; scripts/lib/postgres.sh then
// keeps the data in the clone's private folder under the system temp folder, ${TMPDIR:-/tmp}/switchboard-<first
// 12 hex digits of the sha256 of the clone's absolute path>, at the same relative path (.tmp/cluster/pg ->
// switchboard-<hash>/cluster/pg). This copies what scripts/cluster needs from this checkout (scripts/, deploy/,
// src/Switchboard with its Release build linked, not rebuilt) under a fresh mktemp -d folder and runs
// scripts/cluster start, status and clean from there; and checks that scripts/test's own PostgreSQL folder is
// per clone, not per port, so two clones never share or stop each other's server. About 20-30 s.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const builtDll = join(root, "src/Switchboard/bin/Release/net10.0/Switchboard.dll");
const asRoot = process.getuid() === 0;
const postgresUid = () => Number(readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"))?.split(":")[2]);

// The scripts' environment, without anything that would point them elsewhere than the clone's defaults; ports
// away from those of faults.test.mjs's cluster, which may be starting at the same time.
// Below Linux's ephemeral range (32768+), where an outgoing connection can hold a port that looks free (cluster.mjs).
const randomPort = () => String(20000 + Math.floor(Math.random() * 12000));
const env = { ...process.env, SWITCHBOARD_CLUSTER_PORT: randomPort(), SWITCHBOARD_CLUSTER_PG_PORT: randomPort(),
  SWITCHBOARD_CLUSTER_REDIS_PORT: randomPort(), SWITCHBOARD_CLUSTER_NO_BUILD: existsSync(builtDll) ? "1" : "0" };
for (const name of ["SWITCHBOARD_CLUSTER_DIR", "PG_ROOT", "SB_ROOT", "SB_TMP", "REDIS_DIR"]) delete env[name];

/** The clone's private folder, computed here independently of the scripts. */
const privateTmp = (clone) =>
  join(process.env.TMPDIR || "/tmp", `switchboard-${createHash("sha256").update(realpathSync(clone)).digest("hex").slice(0, 12)}`);
const mode = (path) => statSync(path).mode & 0o777;
// A process that exited but nobody reaped yet (a zombie) counts as stopped.
const alive = (pid) => {
  try { return readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0] !== "Z"; } catch { return false; }
};

let parent; // the 0700 folder
let clone;
let other; // a second clone path, for the naming check

async function sh(file, args, options = {}) {
  try {
    return (await run(file, args, { env, timeout: 240_000, maxBuffer: 10_000_000, ...options })).stdout;
  } catch (error) {
    throw new Error(`${basename(file)} ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
}
const cluster = (...args) => sh(join(clone, "scripts/cluster"), args);

before(() => {
  parent = mkdtempSync(join(tmpdir(), "switchboard-0700-"));
  assert.equal(mode(parent), 0o700, "mkdtemp makes a 0700 folder");
  clone = join(parent, "switchboard");
  other = join(parent, "another-clone");
  for (const part of ["scripts", "deploy"]) cpSync(join(root, part), join(clone, part), { recursive: true });
  cpSync(join(root, "src/Switchboard"), join(clone, "src/Switchboard"), {
    recursive: true,
    filter: (src) => !["bin", "obj", "node_modules"].includes(basename(src)) || dirname(src) !== join(root, "src/Switchboard"),
  });
  // The build of this checkout, not a second one (wwwroot/vendor came along with the copy).
  if (existsSync(join(root, "src/Switchboard/bin"))) symlinkSync(join(root, "src/Switchboard/bin"), join(clone, "src/Switchboard/bin"));
  mkdirSync(other);
});

after(async () => {
  // After a failure midway: stop what runs and delete PostgreSQL's data outside the clone.
  if (clone && existsSync(join(clone, ".tmp/cluster/cluster.env"))) await cluster("clean").catch((e) => console.error(e.message));
  for (const dir of [clone, other]) if (dir && existsSync(dir)) rmSync(privateTmp(dir), { recursive: true, force: true });
  if (parent) rmSync(parent, { recursive: true, force: true });
}, { timeout: 60_000 });

test("scripts/cluster starts, reports and cleans up a healthy cluster from a clone under a 0700 folder", async () => {
  const started = Date.now();
  await cluster("start");
  const state = Object.fromEntries(readFileSync(join(clone, ".tmp/cluster/cluster.env"), "utf8").split("\n")
    .filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
  const res = await fetch(`${state.CLUSTER_URL}/healthz`, { signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200, await res.text());

  const status = await cluster("status");
  const line = (name) => status.split("\n").find((l) => l.startsWith(`${name} `)) ?? `${name}: missing from\n${status}`;
  for (const name of ["nginx", "node1", "node2", "redis", "postgres"]) assert.match(line(name), /^\S+\s+up /, line(name));
  // Where PostgreSQL keeps its data: in the clone's private temp folder when it runs as another user.
  const pgRoot = asRoot ? join(privateTmp(clone), "cluster/pg") : join(clone, ".tmp/cluster/pg");
  assert.ok(line("postgres").endsWith(`(data in ${join(pgRoot, "data")})`), line("postgres"));
  if (asRoot) {
    assert.equal(mode(privateTmp(clone)), 0o711, "others may pass through the private folder, not list it");
    assert.equal(mode(pgRoot), 0o700);
    assert.equal(statSync(pgRoot).uid, postgresUid(), "the data folder belongs to postgres");
    assert.ok(!existsSync(join(clone, ".tmp/cluster/pg")), "nothing is made where postgres cannot reach");
  }

  // Pids rather than ports: a colleague's run may take a freed port at once.
  const firstLine = (file) => Number(readFileSync(file, "utf8").split("\n")[0]);
  const pids = {
    node1: Number(state.NODE1_PID), node2: Number(state.NODE2_PID),
    nginx: firstLine(join(clone, ".tmp/cluster/nginx/nginx.pid")),
    redis: firstLine(join(clone, ".tmp/cluster/redis/redis.pid")),
    postgres: firstLine(join(pgRoot, "data/postmaster.pid")),
  };
  for (const [name, pid] of Object.entries(pids)) assert.ok(alive(pid), `${name} runs (pid ${pid})`);

  await cluster("clean");
  for (const [name, pid] of Object.entries(pids)) assert.ok(!alive(pid), `${name} (pid ${pid}) is stopped`);
  assert.ok(!existsSync(join(clone, ".tmp/cluster")), "the state folder is deleted");
  assert.ok(!existsSync(pgRoot), "PostgreSQL's data is deleted");
  if (asRoot) assert.ok(!existsSync(join(privateTmp(clone), "cluster")), "so are the folders made above it");
  console.log(`start, status, clean from ${clone}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("scripts/test's PostgreSQL folder is per clone: stable for one clone, different for another", async () => {
  // What scripts/test's pg_start would use (pg_resolve_root makes the folder, starts nothing).
  const pgRootOf = async (clonePath) => (await sh("bash", ["-c",
    `source "$1/scripts/lib/postgres.sh" && pg_resolve_root >/dev/null && echo "$PG_ROOT"`, "-", clone],
  { env: { ...env, SB_ROOT: clonePath } })).trim();
  const first = await pgRootOf(clone);
  assert.equal(await pgRootOf(clone), first, "the same clone finds the same folder again");
  const second = await pgRootOf(other);
  if (asRoot) {
    assert.equal(first, join(privateTmp(clone), "pg"));
    assert.equal(second, join(privateTmp(other), "pg"));
    assert.notEqual(privateTmp(clone), privateTmp(other));
  } else {
    // The server runs as this user, who can enter the clone: the data stays in its .tmp.
    assert.equal(first, join(clone, ".tmp/pg"));
    assert.equal(second, join(other, ".tmp/pg"));
  }
  assert.ok(!/switchboard-pg-\d+/.test(first + second), "not named after the port");
});

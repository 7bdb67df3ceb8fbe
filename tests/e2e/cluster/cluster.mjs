// Runs a private Switchboard cluster (PostgreSQL, Redis, two nodes, nginx) through scripts/cluster, in its own
// state folder and on free loopback ports, and gives the tests handles on it: a service per node and one for
// nginx (shaped like service.mjs's, so its register/business/addMember helpers work on them), fault drills,
// sockets and a steady write load.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { io } from "socket.io-client";
import { Api } from "../switchboard/service.mjs";
import { keepLog } from "../switchboard/evidence.mjs";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const script = join(root, "scripts/cluster");

const service = (url) => ({ url, api: (token, workspaceId) => new Api(url, token, workspaceId) });

export async function startCluster(settings = {}) {
  const dir = join(root, ".tmp", `cluster-test-${randomUUID().slice(0, 8)}`);
  const env = {
    ...process.env,
    SWITCHBOARD_CLUSTER_DIR: dir,
    // Away from the defaults a developer's own `scripts/cluster start` uses, and below Linux's ephemeral range
    // (32768+): scripts/cluster only sees a port that something listens on, not one held by an outgoing connection
    // (a colleague's wrk or socket clients), and a node that then cannot bind aborts the start.
    SWITCHBOARD_CLUSTER_PORT: String(20000 + Math.floor(Math.random() * 12000)),
    // Also away from other clusters' PostgreSQL and Redis (below the ephemeral range, where an outgoing connection can hold a port that looks free).
    SWITCHBOARD_CLUSTER_PG_PORT: String(12000 + Math.floor(Math.random() * 4000)),
    SWITCHBOARD_CLUSTER_REDIS_PORT: String(16000 + Math.floor(Math.random() * 4000)),
    SWITCHBOARD_CLUSTER_NO_BUILD: existsSync(join(root, "src/Switchboard/bin/Release/net10.0/Switchboard.dll")) ? "1" : "0",
    Security__PasswordHasher__IterationCount: "1000",
    RateLimits__Login__PerIpPerMinute: "100000",
    RateLimits__Register__PerIpPerHour: "100000",
    RateLimits__VerifyEmail__PerIpPerHour: "100000",
    RateLimits__BusinessCreate__PerIpPerHour: "100000",
    ...settings,
  };
  const ctl = async (...args) => {
    try {
      const { stdout } = await run(script, args, { env, timeout: 240_000, maxBuffer: 10_000_000 });
      return stdout;
    } catch (error) {
      throw new Error(`scripts/cluster ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
    }
  };
  const cluster = {
    dir,
    ctl,
    state: {},
    /** Stops the cluster and deletes its folder and PostgreSQL's data, which lies elsewhere in a 0700 clone. */
    async stop() {
      for (const n of [1, 2]) {
        try { keepLog(`cluster-node${n}`, cluster.log(n)); } catch {}
      }
      await ctl("clean").catch((e) => console.error(e.message));
      rmSync(dir, { recursive: true, force: true });
    },
    log: (n) => readFileSync(join(dir, `node${n}.log`), "utf8"),
    /** Rows of a query on the cluster's database (psql -tA, one array per row). */
    async sql(query) {
      const { stdout } = await run(psql(), ["-h", "127.0.0.1", "-p", cluster.state.PG_PORT, "-U", "postgres",
        "-d", "switchboard", "-X", "-tA", "-F", "\t", "-c", query], { env: { ...process.env, PGCONNECT_TIMEOUT: "5" } });
      return stdout.split("\n").filter(Boolean).map((line) => line.split("\t"));
    },
  };
  try {
    await ctl("start");
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  for (const line of readFileSync(join(dir, "cluster.env"), "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) cluster.state[line.slice(0, at)] = line.slice(at + 1).replace(/\\(.)/g, "$1");
  }
  // Both nodes write mail to one pickup folder (scripts/cluster), where confirmEmail finds it.
  const mailDir = join(dir, "mail");
  cluster.front = { ...service(cluster.state.CLUSTER_URL), mailDir };
  cluster.nodes = { node1: { ...service(cluster.state.NODE1_URL), mailDir }, node2: { ...service(cluster.state.NODE2_URL), mailDir } };
  return cluster;
}

function psql() {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, "bin/psql"))) return join(base, v, "bin/psql");
  return "psql";
}

/** /healthz of a url: { status, body, node }. */
export async function health(url) {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.text(), node: res.headers.get("x-switchboard-node") };
  } catch (error) {
    return { status: 0, body: String(error), node: null };
  }
}

/** Polls until check() is truthy; fails with `what` after `within` ms. */
export async function eventually(check, within, what) {
  const deadline = Date.now() + within;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${within} ms: ${what}`);
    await sleep(100);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sockets = [];

/** A socket.io-client that records every event; resolves once connected. */
export function connect(url, auth, options = {}) {
  const socket = io(url, { auth, forceNew: true, reconnection: false, ...options });
  sockets.push(socket);
  socket.received = [];
  socket.connects = 0;
  socket.on("connect", () => socket.connects++);
  socket.onAny((event, payload) => socket.received.push({ event, payload }));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`connect to ${url} timed out`)), 5000);
    socket.once("connect", () => { clearTimeout(timer); ok(socket); });
    socket.once("connect_error", (err) => { clearTimeout(timer); fail(err); });
  });
}

export function closeSockets() {
  for (const s of sockets.splice(0)) s.disconnect();
}

export const received = (socket, event, where = () => true) =>
  socket.received.filter((r) => r.event === event && where(r.payload)).map((r) => r.payload);

export function waitFor(socket, event, within, where = () => true) {
  return eventually(() => received(socket, event, where)[0], within, `${event} on socket ${socket.id}`);
}

/**
 * A steady write load: `workers` loops creating conversations through `url` until stopped. Each request's
 * outcome is recorded: { status, id } (status 0 when the connection itself failed).
 */
export function writeLoad(url, token, workspaceId, workers = 4) {
  const results = [];
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const res = await fetch(`${url}/api/v1/conversations/`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-workspace-id": workspaceId },
          body: JSON.stringify({ business_id: workspaceId, customer_id: `load-${results.length}` }),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        let body = null;
        try { body = JSON.parse(text); } catch {}
        results.push({ status: res.status, id: body?.id, retryAfter: res.headers.get("retry-after"), body: text.slice(0, 200) });
      } catch (error) {
        results.push({ status: 0, error: String(error) });
        await sleep(50);
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    results,
    async stop() {
      running = false;
      await Promise.all(loops);
      return results;
    },
  };
}

export function countByStatus(results) {
  const counts = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

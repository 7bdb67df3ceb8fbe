// A real Prometheus (Debian's, installed by scripts/test) scrapes two running nodes and is asked, through its HTTP
// API, for Switchboard's metrics: the exposition is what Prometheus itself accepts, not what a parser of ours accepts,
// and each node's series stay apart under Prometheus's own `instance` label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { freePort, Api } from "../switchboard/service.mjs";
import { startNode, mailedToken } from "./node.mjs";

function prometheusBin() {
  try {
    return execFileSync("sh", ["-c", "command -v prometheus || ls /usr/bin/prometheus"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("prometheus is not installed: scripts/test installs it (apt-get install prometheus)");
  }
}

/** Some traffic, so counters exist: an owner who confirms their address and invites someone. */
async function inviteOnce(node) {
  const email = `owner-${randomUUID().slice(0, 8)}@example.com`;
  const owner = await new Api(node.url).ok("POST", "/api/v1/auth/register", { email, full_name: "Olivia Owner", password: "correct-horse-9" });
  await new Api(node.url).ok("POST", "/api/v1/auth/verify-email", { token: await mailedToken(node, email, "verify-email") });
  const business = await new Api(node.url, owner.access_token).ok("POST", "/api/v1/auth/business/create", { name: "Acme" });
  const admin = new Api(node.url, owner.access_token, business.id);
  await admin.ok("PUT", "/api/v1/billing/plan", { plan: "mini" });
  await admin.ok("POST", "/app/invites", { email: `guest-${randomUUID().slice(0, 8)}@example.com`, seat: "full" });
}

test("Debian's Prometheus scrapes two nodes and answers queries for Switchboard's metrics of each", async () => {
  const nodes = [await startNode({ Cluster__NodeId: "node1" }), await startNode({ Cluster__NodeId: "node2" })];
  const dir = join(tmpdir(), `switchboard-prometheus-${randomUUID().slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  let prometheus;
  try {
    for (const node of nodes) await inviteOnce(node);
    const instances = nodes.map((n) => `127.0.0.1:${n.port}`).sort();

    const port = await freePort();
    writeFileSync(join(dir, "prometheus.yml"), [
      "global:",
      "  scrape_interval: 1s",
      "scrape_configs:",
      "  - job_name: switchboard",
      "    metrics_path: /metrics",
      "    static_configs:",
      `      - targets: [${instances.map((i) => `"${i}"`).join(", ")}]`,
      "",
    ].join("\n"));
    let log = "";
    prometheus = spawn(prometheusBin(), [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ], { stdio: ["ignore", "pipe", "pipe"] });
    prometheus.stdout.on("data", (d) => (log += d));
    prometheus.stderr.on("data", (d) => (log += d));

    const query = async (q) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = await res.json();
      assert.equal(body.status, "success", JSON.stringify(body));
      return body.data.result;
    };
    // Until the first scrape of both nodes has landed (bounded: Prometheus starts and scrapes every second).
    const deadline = Date.now() + 60_000;
    let up = [];
    for (;;) {
      if (prometheus.exitCode !== null) assert.fail(`prometheus exited:\n${log}`);
      up = await query('up{job="switchboard"} == 1').catch(() => []);
      if (up.length === 2) break;
      if (Date.now() > deadline) assert.fail(`no successful scrape within 60 s: ${JSON.stringify(up)}\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Each scrape was accepted whole: Prometheus reports no sample it had to drop.
    const health = await (await fetch(`http://127.0.0.1:${port}/api/v1/targets`)).json();
    const targets = health.data.activeTargets.filter((t) => t.labels.job === "switchboard");
    assert.deepEqual(targets.map((t) => t.labels.instance).sort(), instances);
    for (const target of targets) {
      assert.equal(target.health, "up", target.lastError);
      assert.equal(target.lastError, "");
    }

    // One series per node for each metric, told apart by the instance label, each counting its own node's work.
    const perInstance = (result) => result.map((r) => r.metric.instance).sort();
    const invites = await query("switchboard_invites_created_total");
    assert.deepEqual(perInstance(invites), instances, JSON.stringify(invites));
    for (const series of invites) assert.equal(series.value[1], "1");
    const depth = await query("switchboard_outbox_depth");
    assert.deepEqual(perInstance(depth), instances, JSON.stringify(depth));
    for (const series of depth) assert.ok(Number(series.value[1]) >= 0);
    assert.deepEqual(perInstance(await query("switchboard_outbox_oldest_age_seconds")), instances);
    assert.deepEqual(perInstance(await query("switchboard_routing_queue_length")), instances);
    assert.deepEqual(perInstance(await query('switchboard_events_published_total{type="WorkspaceCreated"}')), instances);
    const requests = await query('sum by (instance) (http_server_request_duration_seconds_count{http_route=~"/app/invites/?",http_request_method="POST"})');
    assert.deepEqual(perInstance(requests), instances, JSON.stringify(requests));
    for (const series of requests) assert.equal(series.value[1], "1");
  } finally {
    if (prometheus && prometheus.exitCode === null) {
      prometheus.kill("SIGTERM");
      await new Promise((r) => (prometheus.exitCode !== null ? r() : prometheus.once("exit", r)));
    }
    rmSync(dir, { recursive: true, force: true });
    for (const node of nodes) await node.kill();
  }
});

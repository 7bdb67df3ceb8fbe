// Switchboard as a cluster: two nodes on one PostgreSQL and one Redis behind nginx, and what happens when a
// piece of it fails. One cluster for the whole file (starting one takes ~15 s); the tests run in order and
// the destructive ones come last. Loopback only; the cluster is stopped and its folder removed even on failure.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { business, addMember, register, registerConfirmed } from "../switchboard/service.mjs";
import {
  startCluster, health, eventually, sleep, connect, closeSockets, received, waitFor, writeLoad, countByStatus,
} from "./cluster.mjs";

const GRACE_SECONDS = 2;
let cluster;
let A; // node1
let B; // node2

before(async () => {
  cluster = await startCluster({ Realtime__PresenceGraceSeconds: String(GRACE_SECONDS) });
  A = cluster.nodes.node1;
  B = cluster.nodes.node2;
}, { timeout: 240_000 });

after(async () => {
  closeSockets();
  await cluster?.stop();
}, { timeout: 60_000 });

const assign = (biz, service, conversationId, userId) =>
  service.api(biz.owner.token, biz.id).ok("POST", `/api/v1/team/assign/${conversationId}?agent_id=${userId}`);

const newConversation = async (biz, service = A) =>
  (await service.api(biz.owner.token, biz.id).ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c" })).id;

test("a client on node B receives conversation_assigned for an assignment made through node A, and a removal closes it", async () => {
  const biz = await business(A);
  const agent = await addMember(A, biz);
  const colleague = await addMember(A, biz);
  const onB = await connect(B.url, { token: agent.token });
  const colleagueOnA = await connect(A.url, { token: colleague.token });
  const ownerOnA = await connect(A.url, { token: biz.owner.token });

  const conversation = await newConversation(biz);
  await assign(biz, A, conversation, agent.id);
  const event = await waitFor(onB, "conversation_assigned", 2000);
  assert.equal(event.conversation_id, conversation);
  assert.equal(event.conversation.assigned_agent_id, agent.id);

  // Removal through A: B's socket hears member_removed, leaves the business room and is disconnected.
  const disconnected = new Promise((ok) => onB.once("disconnect", ok));
  await biz.api.ok("DELETE", `/api/v1/team/members/${agent.memberId}`);
  await waitFor(onB, "member_removed", 2000);
  assert.equal(await Promise.race([disconnected, sleep(2000).then(() => "still connected")]), "io server disconnect");
  await waitFor(ownerOnA, "member_removed", 2000);
  assert.equal(received(colleagueOnA, "conversation_assigned").length, 0);
});

test("plan limits hold across nodes: 50 parallel invites on Mini over two nodes add exactly 2", async () => {
  const biz = await business(A, "mini");
  const users = await Promise.all(Array.from({ length: 50 }, (_, i) => registerConfirmed(i % 2 ? A : B)));
  const answers = await Promise.all(users.map((user, i) =>
    (i % 2 ? A : B).api(biz.owner.token, biz.id).call("POST", `/api/v1/team/invite?email=${encodeURIComponent(user.email)}&role=agent`)));
  const statuses = countByStatus(answers);
  assert.deepEqual(statuses, { 200: 2, 402: 48 });
  const members = await biz.api.ok("GET", "/api/v1/team/members");
  assert.equal(members.length, 3);
});

test("presence: a socket on another node keeps a member online, and going offline fires once", async () => {
  const biz = await business(A);
  const agent = await addMember(A, biz);
  const ownerOnA = await connect(A.url, { token: biz.owner.token });
  const onA = await connect(A.url, { token: agent.token });
  const onB = await connect(B.url, { token: agent.token });
  await cluster.front.api(agent.token, biz.id).ok("PATCH", "/api/v1/team/status", { status: "live" });
  const status = async () => (await biz.api.ok("GET", "/api/v1/team/members")).find((m) => m.user_id === agent.id).status;

  onA.disconnect();
  await sleep(GRACE_SECONDS * 1000 + 1500);
  assert.equal(await status(), "live", "B still holds a socket: A's timer must not mark the member offline");

  // Both of the member's last sockets go at once: both nodes' timers end together, one marks offline.
  const again = await connect(A.url, { token: agent.token });
  again.disconnect();
  onB.disconnect();
  await eventually(async () => (await status()) === "offline", GRACE_SECONDS * 1000 + 5000, "member offline");
  await sleep(1500);
  const offline = received(ownerOnA, "agent_status_changed", (e) => e.agent_id === agent.id && e.status === "offline");
  assert.equal(offline.length, 1);
});

test("Redis stopped: REST works, realtime stays on the local node, /healthz says Degraded; all recovers without a restart", async () => {
  const biz = await business(A);
  const agent = await addMember(A, biz);
  const onA = await connect(A.url, { token: agent.token });
  const onB = await connect(B.url, { token: agent.token });

  await cluster.ctl("redis-stop");
  try {
    const degraded = await eventually(async () => {
      const h = await health(A.url);
      return h.body === "Degraded" && h;
    }, 10_000, "node A reports Degraded");
    assert.equal(degraded.status, 200);
    assert.equal((await health(B.url)).body, "Degraded");

    const started = Date.now();
    const conversation = await newConversation(biz, A);
    await assign(biz, A, conversation, agent.id);
    assert.ok(Date.now() - started < 2000, "REST must not wait on Redis");
    await waitFor(onA, "conversation_assigned", 2000, (e) => e.conversation_id === conversation);
    await sleep(500);
    assert.equal(received(onB, "conversation_assigned", (e) => e.conversation_id === conversation).length, 0,
      "without Redis an event reaches only the node that raised it");
  } finally {
    await cluster.ctl("redis-start");
  }

  for (const node of [A, B]) await eventually(async () => (await health(node.url)).body === "Healthy", 15_000, "healthy again");
  // Resubscribed on its own: events cross nodes again, both ways.
  await eventually(async () => {
    const conversation = await newConversation(biz, A);
    await assign(biz, A, conversation, agent.id);
    await sleep(300);
    return received(onB, "conversation_assigned", (e) => e.conversation_id === conversation).length === 1;
  }, 10_000, "an assignment through A reaches B after Redis returned");
  const back = await newConversation(biz, B);
  await assign(biz, B, back, agent.id);
  await waitFor(onA, "conversation_assigned", 2000, (e) => e.conversation_id === back);
});

test("PostgreSQL restarted under load: failures are clean 503s, every 2xx is stored, nothing half-done, nodes recover", async () => {
  const biz = await business(cluster.front);
  const load = writeLoad(cluster.front.url, biz.owner.token, biz.id);
  await sleep(1000);
  await cluster.ctl("pg-stop");
  await sleep(2000);
  await cluster.ctl("pg-start");
  // Both nodes serve again on their own (stale pooled connections are dropped as they fail).
  for (const node of [A, B]) {
    await eventually(async () => (await node.api(biz.owner.token, biz.id).call("GET", "/api/v1/conversations/?status=open")).status === 200,
      20_000, `${node.url} serves again`);
  }
  await sleep(1000);
  const results = await load.stop();
  const counts = countByStatus(results);
  console.log("PostgreSQL restart, answers by status:", counts);

  const ok = results.filter((r) => r.status === 201 || r.status === 200);
  const failed = results.filter((r) => r.status !== 201 && r.status !== 200);
  assert.ok(ok.length > 20, `load kept going: ${JSON.stringify(counts)}`);
  assert.ok(failed.length > 0, "the outage was seen");
  for (const r of failed) {
    assert.equal(r.status, 503, `only clean 503s during the outage, got ${JSON.stringify(r)}`);
    assert.equal(r.retryAfter, "1");
  }
  const stored = new Set((await cluster.sql(`select id from conversations where workspace_id = '${biz.id}'`)).map((r) => r[0]));
  for (const r of ok) assert.ok(stored.has(r.id), `acknowledged conversation ${r.id} is stored`);
  // A 503 leaves nothing behind, except for a request that was in flight at the instant the database went
  // away and had already committed (its answer, or the endpoint's re-read after the commit, was cut off):
  // at most one per load worker. Measured: 0 or 1 per run.
  const unacknowledged = stored.size - ok.length;
  console.log("stored but answered 503:", unacknowledged);
  assert.ok(unacknowledged >= 0 && unacknowledged <= 4, `${unacknowledged} rows stored without a 2xx`);
});

test("kill -9 of a node under load: every 2xx is stored; clients reconnect through nginx to the other node and get later events", async () => {
  const biz = await business(cluster.front);
  const agent = await addMember(cluster.front, biz);
  const options = { reconnection: true, reconnectionDelay: 200, reconnectionDelayMax: 1000 };
  const client = await connect(cluster.front.url, { token: agent.token }, options);
  const websocketOnly = await connect(cluster.front.url, { token: agent.token }, { ...options, transports: ["websocket"] });
  // ip_hash sends every loopback client to the same node: that is the one to kill.
  const victim = (await health(cluster.front.url)).node;
  const survivor = victim === "node1" ? B : A;

  const load = writeLoad(cluster.front.url, biz.owner.token, biz.id);
  await sleep(1500);
  await cluster.ctl("kill-node", victim === "node1" ? "1" : "2");
  await sleep(3000);
  const results = await load.stop();
  const counts = countByStatus(results);
  console.log(`kill -9 ${victim}, answers by status:`, counts);

  for (const socket of [client, websocketOnly]) await eventually(() => socket.connected && socket.connects >= 2, 10_000, "reconnected");
  assert.notEqual((await health(cluster.front.url)).node, victim);

  const ok = results.filter((r) => r.status === 201 || r.status === 200);
  assert.ok(ok.length > 20, `load kept going: ${JSON.stringify(counts)}`);
  const stored = new Set((await cluster.sql(`select id from conversations where workspace_id = '${biz.id}'`)).map((r) => r[0]));
  for (const r of ok) assert.ok(stored.has(r.id), `acknowledged conversation ${r.id} is stored`);

  const conversation = await newConversation(biz, survivor);
  await assign(biz, survivor, conversation, agent.id);
  for (const socket of [client, websocketOnly])
    await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === conversation);
});

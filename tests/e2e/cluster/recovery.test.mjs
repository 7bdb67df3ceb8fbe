// Connection state recovery on the cluster (two nodes, nginx, Redis Streams adapter) with the official client:
// a socket cut for a while, or whose node is killed, comes back with recovered === true and gets every event
// sent meanwhile, in order, once; with Redis stopped nothing breaks and the node's own rooms keep working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { business, addMember } from "../switchboard/service.mjs";
import { startCluster, health, eventually, sleep, connect, closeSockets, received, waitFor } from "./cluster.mjs";

let cluster;
let A; // node1
let B; // node2

before(async () => {
  cluster = await startCluster();
  A = cluster.nodes.node1;
  B = cluster.nodes.node2;
}, { timeout: 240_000 });

after(async () => {
  closeSockets();
  await cluster?.stop();
}, { timeout: 60_000 });

const assign = (biz, service, conversationId, userId) =>
  service.api(biz.owner.token, biz.id).ok("POST", `/api/v1/team/assign/${conversationId}?agent_id=${userId}`);

/** Creates a conversation through `service` and assigns it to the agent: one conversation_assigned for them. */
async function assignNew(biz, service, agent) {
  const id = (await service.api(biz.owner.token, biz.id).ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c" })).id;
  await assign(biz, service, id, agent.id);
  return id;
}

const assigned = (socket) => received(socket, "conversation_assigned").map((e) => e.conversation_id);

/** Closes the client's WebSocket as a network loss would (the server sees "transport close"). */
async function cut(socket) {
  const gone = new Promise((ok) => socket.once("disconnect", ok));
  socket.io.engine.transport.ws.close();
  assert.equal(await gone, "transport close");
}

async function reconnect(socket) {
  const back = new Promise((ok) => socket.once("connect", ok));
  socket.connect();
  await back;
}

test("a socket cut for 5 s gets every event sent meanwhile through both nodes, in order, once, recovered", async () => {
  const biz = await business(A);
  const agent = await addMember(A, biz);
  const socket = await connect(A.url, { token: agent.token }, { transports: ["websocket"] });
  const before = await assignNew(biz, B, agent);
  await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === before);
  const id = socket.id;

  await cut(socket);
  const sent = [before];
  const started = Date.now();
  for (let i = 0; Date.now() - started < 5000; i++) {
    sent.push(await assignNew(biz, i % 2 ? A : B, agent));
    await sleep(300);
  }
  await reconnect(socket);
  assert.equal(socket.recovered, true);
  assert.equal(socket.id, id);
  const after = await assignNew(biz, B, agent);
  sent.push(after);
  await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === after);
  await sleep(300);
  assert.deepEqual(assigned(socket), sent);
});

test("Redis stopped: a cut socket gets a fresh session without errors, and the node's own rooms still work", async () => {
  const biz = await business(A);
  const agent = await addMember(A, biz);
  const socket = await connect(A.url, { token: agent.token }, { transports: ["websocket"] });
  const first = await assignNew(biz, A, agent);
  await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === first);

  await cluster.ctl("redis-stop");
  try {
    await eventually(async () => (await health(A.url)).body === "Degraded", 10_000, "node A sees Redis gone");
    await cut(socket);
    await reconnect(socket);
    assert.equal(socket.recovered, false, "no session store: a fresh session");
    const local = await assignNew(biz, A, agent);
    await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === local);
    assert.match((await health(A.url)).body, /Degraded/);
  } finally {
    await cluster.ctl("redis-start");
  }
  for (const node of [A, B]) await eventually(async () => (await health(node.url)).body === "Healthy", 15_000, "healthy again");
  // Back without a restart: the session store and cross-node delivery work again.
  await eventually(async () => {
    const id = await assignNew(biz, B, agent);
    await sleep(300);
    return received(socket, "conversation_assigned", (e) => e.conversation_id === id).length === 1;
  }, 10_000, "an assignment through B reaches the socket on A again");
  await cut(socket);
  const missed = await assignNew(biz, B, agent);
  await reconnect(socket);
  assert.equal(socket.recovered, true);
  await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === missed);
});

test("its node killed (kill -9), a socket reconnects through nginx to the other node, recovered, with every event", async () => {
  const biz = await business(cluster.front);
  const agent = await addMember(cluster.front, biz);
  const socket = await connect(cluster.front.url, { token: agent.token },
    { transports: ["websocket"], reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
  const victim = (await health(cluster.front.url)).node;
  const survivor = victim === "node1" ? B : A;
  const first = await assignNew(biz, survivor, agent);
  await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === first);
  const id = socket.id;
  // The session is written to Redis ahead of any disconnect (within a second of a change).
  await sleep(1500);

  const gone = new Promise((ok) => socket.once("disconnect", ok));
  const back = new Promise((ok) => socket.once("connect", ok));
  await cluster.ctl("kill-node", victim === "node1" ? "1" : "2");
  await gone;
  const sent = [first];
  for (let i = 0; i < 5; i++) sent.push(await assignNew(biz, survivor, agent));
  await back;
  assert.equal(socket.recovered, true);
  assert.equal(socket.id, id);
  assert.notEqual((await health(cluster.front.url)).node, victim);
  const after = await assignNew(biz, survivor, agent);
  sent.push(after);
  await waitFor(socket, "conversation_assigned", 3000, (e) => e.conversation_id === after);
  await sleep(300);
  assert.deepEqual(assigned(socket), sent);
});

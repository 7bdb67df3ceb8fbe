// Connection state recovery against membership (security review "Trust II"), with the official socket.io-client:
// a session cut for a transport reason comes back only to the user whose token opened it, and only with the rooms
// that user may hold now. A member removed, suspended or gone while away gets no event of the workspace — neither
// replayed nor live — and someone else's token with a victim's pid gets a fresh session. A legitimate recovery
// still recovers. Absence is checked against a barrier, not a pause: an event the socket does receive, sent after
// every event it must not receive, on the same node (whose sends to one socket keep their order).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { startService, business, addMember } from "./service.mjs";

let service;
const sockets = [];
const WAIT_MS = 5000;

before(async () => {
  // The recovery window is far longer than any test: nothing here waits for it to pass.
  service = await startService({ Realtime__PresenceGraceSeconds: "120", Realtime__RecoverySeconds: "120" });
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await service?.stop();
});

function connect(auth) {
  const socket = io(service.url, { auth, reconnection: false, forceNew: true, transports: ["websocket"] });
  sockets.push(socket);
  socket.received = [];
  socket.onAny((event, payload) => socket.received.push({ event, payload }));
  return opened(socket);
}

function opened(socket) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("connect timed out")), WAIT_MS);
    socket.once("connect", () => { clearTimeout(timer); ok(socket); });
    socket.once("connect_error", (err) => { clearTimeout(timer); fail(err); });
  });
}

function waitFor(socket, event, where = () => true) {
  const seen = socket.received.find((r) => r.event === event && where(r.payload));
  if (seen) return Promise.resolve(seen.payload);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { socket.offAny(listener); fail(new Error(`no ${event} within ${WAIT_MS} ms`)); }, WAIT_MS);
    const listener = (name, payload) => {
      if (name === event && where(payload)) { clearTimeout(timer); socket.offAny(listener); ok(payload); }
    };
    socket.onAny(listener);
  });
}

/** Closes the client's WebSocket as a network loss would: the server keeps the session ("transport close"). */
async function cut(socket) {
  const gone = new Promise((ok) => socket.once("disconnect", ok));
  socket.io.engine.transport.ws.close();
  assert.equal(await gone, "transport close");
}

/** Reconnects as socket.io-client does after a cut: the same auth plus {pid, offset} of the old session. */
async function reconnect(socket) {
  const back = opened(socket);
  socket.connect();
  return back;
}

/** A conversation created in a workspace: conversation_created to its business room. */
const newConversation = async (biz) =>
  (await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c" })).id;

/** Every event the socket got that names one of `ids` (conversations of the workspace it must not hear). */
const heardOf = (socket, ids) => socket.received.filter((r) => ids.includes(r.payload?.conversation_id));

/**
 * The agent's socket in `biz`, cut after hearing one event; then `change` ends or keeps their membership while
 * they are away, and two more conversations are created in biz (missed events).
 */
async function awayWhile(biz, agent, change) {
  const socket = await connect({ token: agent.token });
  const seen = await newConversation(biz);
  await waitFor(socket, "conversation_created", (e) => e.conversation_id === seen);
  const id = socket.id;
  await cut(socket);
  const other = await change();
  const missed = [await newConversation(biz), await newConversation(biz)];
  return { socket, id, missed, other };
}

/**
 * Adds the agent (away) to another workspace, so that their connection without business_id still resolves once
 * biz is gone; then ends their membership of biz with `end`. Returns the other workspace.
 */
const joinElsewhereAnd = (agent, end) => async () => {
  const other = await elsewhere(agent);
  await end();
  return other;
};

/** A workspace the agent also belongs to. */
async function elsewhere(agent) {
  const other = await business(service);
  await other.api.ok("POST", `/api/v1/team/invite?email=${encodeURIComponent(agent.email)}&role=agent`);
  return other;
}

/**
 * After reconnecting the socket must be a fresh session that hears nothing of biz: neither the missed events nor
 * a new one. The barrier is an event of `other`, which the socket does hear, sent after biz's.
 */
async function assertNothingOf(biz, other, socket, oldId, missed) {
  assert.equal(socket.recovered, false);
  assert.notEqual(socket.id, oldId);
  const live = await newConversation(biz);
  const barrier = await newConversation(other);
  await waitFor(socket, "conversation_created", (e) => e.conversation_id === barrier);
  assert.deepEqual(heardOf(socket, [...missed, live]), []);
}

test("a legitimate recovery still recovers: same id, recovered, the missed events replayed in order", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const { socket, id, missed } = await awayWhile(biz, agent, async () => {});

  await reconnect(socket);
  assert.equal(socket.recovered, true);
  assert.equal(socket.id, id);
  const live = await newConversation(biz);
  await waitFor(socket, "conversation_created", (e) => e.conversation_id === live);
  assert.deepEqual(socket.received.filter((r) => r.event === "conversation_created").map((r) => r.payload.conversation_id).slice(1),
    [...missed, live]);
});

test("a member removed while away recovers with the old pid: a fresh session, no event of the workspace", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const { socket, id, missed, other } = await awayWhile(biz, agent,
    joinElsewhereAnd(agent, () => biz.api.ok("DELETE", `/api/v1/team/members/${agent.memberId}`)));

  await reconnect(socket);
  await assertNothingOf(biz, other, socket, id, missed);
});

test("a member suspended while away recovers with the old pid: a fresh session, no event of the workspace", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const { socket, id, missed, other } = await awayWhile(biz, agent,
    joinElsewhereAnd(agent, () => biz.api.ok("POST", `/api/v1/team/members/${agent.memberId}/suspend`)));

  await reconnect(socket);
  await assertNothingOf(biz, other, socket, id, missed);
});

test("a member who left while away recovers with the old pid: a fresh session, no event of the workspace", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const { socket, id, missed, other } = await awayWhile(biz, agent,
    joinElsewhereAnd(agent, () => service.api(agent.token, biz.id).ok("POST", "/api/v1/team/leave")));

  await reconnect(socket);
  await assertNothingOf(biz, other, socket, id, missed);
});

test("a removed member with no other workspace is refused, and the old session is not kept for later", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const { socket } = await awayWhile(biz, agent, () => biz.api.ok("DELETE", `/api/v1/team/members/${agent.memberId}`));

  await assert.rejects(reconnect(socket), /do not belong to any business/);
});

test("a token revoked while its socket is away cannot bring the session back", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const { socket } = await awayWhile(biz, agent, () => service.api(agent.token).ok("POST", "/api/v1/auth/logout"));

  await assert.rejects(reconnect(socket), /Not authenticated/);
});

test("another user's token with a victim's pid and offset gets a fresh session: none of the victim's rooms or missed events", async () => {
  const biz = await business(service);
  const victim = await addMember(service, biz);
  const other = await business(service);
  const victimSocket = await connect({ token: victim.token });
  const conversation = await newConversation(biz);
  await biz.api.ok("POST", `/api/v1/team/assign/${conversation}?agent_id=${victim.id}`);
  await waitFor(victimSocket, "conversation_assigned");
  const { _pid: pid, _lastOffset: offset, id } = victimSocket;
  assert.ok(pid && offset, "the client keeps the session's pid and last offset");
  await cut(victimSocket);
  const missed = [await newConversation(biz)];

  // The attacker is a member of another workspace; the CONNECT carries their token and the victim's session.
  const attacker = await connect({ token: other.owner.token, pid, offset });
  assert.equal(attacker.recovered, false);
  assert.notEqual(attacker.id, id);
  const live = await newConversation(biz);
  await biz.api.ok("POST", `/api/v1/team/assign/${live}?agent_id=${victim.id}`);
  const barrier = await newConversation(other);
  await waitFor(attacker, "conversation_created", (e) => e.conversation_id === barrier);
  assert.deepEqual(heardOf(attacker, [conversation, ...missed, live]), []);
  assert.deepEqual(attacker.received.map((r) => r.event), ["conversation_created"]);
});

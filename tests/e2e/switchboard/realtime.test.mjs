// Switchboard's team events, received by the official socket.io-client over the real service.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { startService, business, addMember, register } from "./service.mjs";

let service;
const sockets = [];

before(async () => {
  service = await startService({ Realtime__PresenceGraceSeconds: "1" });
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await service?.stop();
});

// Bounds on waiting for something the server sends. They only stop a broken test from hanging, so they are
// generous: a loaded two-core machine must not fail them. How fast events arrive is the benchmark's business
// (scripts/bench measures REST -> conversation_assigned latency), not this suite's.
const WAIT_MS = 5000;

/** Connects and records every event; resolves once connected (rejects on connect_error). */
function connect(auth, options = {}) {
  const socket = io(service.url, { auth, reconnection: false, forceNew: true, ...options });
  sockets.push(socket);
  socket.received = [];
  socket.onAny((event, payload) => socket.received.push({ event, payload }));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("connect timed out")), WAIT_MS);
    socket.once("connect", () => { clearTimeout(timer); ok(socket); });
    socket.once("connect_error", (err) => { clearTimeout(timer); fail(err); });
  });
}

function waitFor(socket, event, within = WAIT_MS, where = () => true) {
  const seen = socket.received.find((r) => r.event === event && where(r.payload));
  if (seen) return Promise.resolve(seen.payload);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { socket.offAny(listener); fail(new Error(`no ${event} within ${within} ms`)); }, within);
    const listener = (name, payload) => {
      if (name === event && where(payload)) { clearTimeout(timer); socket.offAny(listener); ok(payload); }
    };
    socket.onAny(listener);
  });
}

const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
const events = (socket, name) => socket.received.filter((r) => r.event === name);

test("an assignment over REST reaches the assignee's client, and nobody else's", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const colleague = await addMember(service, biz);
  const other = await business(service);
  const [agentSocket, colleagueSocket, ownerSocket, strangerSocket] = await Promise.all([
    connect({ token: agent.token }),
    connect({ token: colleague.token }),
    connect({ token: biz.owner.token }),
    connect({ token: other.owner.token }),
  ]);
  const conversation = await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c-1" });

  const res = await biz.api.ok("POST", `/api/v1/team/assign/${conversation.id}?agent_id=${agent.id}`);
  assert.deepEqual(res, { message: "Conversation assigned successfully" });
  const event = await waitFor(agentSocket, "conversation_assigned");

  assert.equal(event.conversation_id, conversation.id);
  assert.equal(event.assigned_by, biz.owner.id);
  assert.match(event.assigned_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(event.conversation.id, conversation.id);
  assert.equal(event.conversation.assigned_agent_id, agent.id);
  await settle();
  for (const s of [colleagueSocket, ownerSocket, strangerSocket]) assert.equal(events(s, "conversation_assigned").length, 0);
});

test("an assignee with sockets in two businesses hears it only on the business it belongs to", async () => {
  const first = await business(service);
  const second = await business(service);
  const agent = await addMember(service, first);
  await second.api.ok("POST", `/api/v1/team/invite?email=${encodeURIComponent(agent.email)}`);
  const inFirst = await connect({ token: agent.token, business_id: first.id });
  const inSecond = await connect({ token: agent.token, business_id: second.id });
  const conversation = await first.api.ok("POST", "/api/v1/conversations/", { business_id: first.id });

  await first.api.ok("POST", `/api/v1/team/assign/${conversation.id}?agent_id=${agent.id}`);

  await waitFor(inFirst, "conversation_assigned");
  await settle();
  assert.equal(events(inSecond, "conversation_assigned").length, 0);
});

test("a status change reaches every member of the business and nobody in another", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const admin = await addMember(service, biz, "admin");
  const other = await business(service);
  const [agentSocket, adminSocket, ownerSocket, strangerSocket] = await Promise.all([
    connect({ token: agent.token }),
    connect({ token: admin.token }),
    connect({ token: biz.owner.token }),
    connect({ token: other.owner.token }),
  ]);

  await service.api(agent.token).ok("PATCH", "/api/v1/team/status", { status: "live" });

  for (const s of [agentSocket, adminSocket, ownerSocket]) {
    const e = await waitFor(s, "agent_status_changed", WAIT_MS, (p) => p.agent_id === agent.id);
    assert.equal(e.status, "live");
  }
  await settle();
  assert.equal(events(strangerSocket, "agent_status_changed").length, 0);
});

test("a removed member receives member_removed and then nothing more from that business", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const agentSocket = await connect({ token: agent.token });
  const ownerSocket = await connect({ token: biz.owner.token });
  const disconnected = new Promise((ok) => agentSocket.once("disconnect", ok));

  await biz.api.ok("DELETE", `/api/v1/team/members/${agent.memberId}`);

  const removed = await waitFor(agentSocket, "member_removed");
  assert.equal(removed.member_id, agent.memberId);
  assert.equal((await waitFor(ownerSocket, "member_removed")).user_id, agent.id);
  assert.equal(await disconnected, "io server disconnect");
  const countBefore = agentSocket.received.length;
  await service.api(biz.owner.token).ok("PATCH", "/api/v1/team/status", { status: "away" });
  await waitFor(ownerSocket, "agent_status_changed");
  await settle();
  assert.equal(agentSocket.received.length, countBefore);
  // And coming back with the same token is refused: they are no longer a member anywhere.
  await assert.rejects(connect({ token: agent.token }), /You do not belong to any business yet/);
});

test("member_joined goes to the business when someone is added", async () => {
  const biz = await business(service);
  const ownerSocket = await connect({ token: biz.owner.token });
  const agent = await addMember(service, biz);
  const joined = await waitFor(ownerSocket, "member_joined", WAIT_MS, (p) => p.user_id === agent.id);
  assert.equal(joined.member_id, agent.memberId);
  assert.equal(joined.role, "agent");
});

test("invite_accepted names the invite only to those who manage it; everyone else hears member_joined", async () => {
  const biz = await business(service);
  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: true });
  const admin = await addMember(service, biz, "admin");
  const agent = await addMember(service, biz);
  const [ownerSocket, adminSocket, agentSocket] = await Promise.all([
    connect({ token: biz.owner.token }), connect({ token: admin.token }), connect({ token: agent.token })]);
  const accept = async (role) => {
    const email = `${role}-invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const invite = (await biz.api.ok("POST", "/app/invites", { email, seat: "lite", role })).data;
    const password = "correct-horse-battery";
    const joined = await service.api().ok("POST", `/app/invites/${invite.id}`,
      { email, name: "New Person", password, password_confirmation: password });
    return { invite, userId: joined.user.id };
  };

  const adminInvite = await accept("admin");
  assert.equal((await waitFor(ownerSocket, "invite_accepted", WAIT_MS, (p) => p.user_id === adminInvite.userId)).invite_id, adminInvite.invite.id);
  await waitFor(agentSocket, "member_joined", WAIT_MS, (p) => p.user_id === adminInvite.userId);
  await waitFor(adminSocket, "member_joined", WAIT_MS, (p) => p.user_id === adminInvite.userId);

  const agentInvite = await accept("agent");
  assert.equal((await waitFor(adminSocket, "invite_accepted", WAIT_MS, (p) => p.user_id === agentInvite.userId)).invite_id, agentInvite.invite.id);
  await waitFor(agentSocket, "member_joined", WAIT_MS, (p) => p.user_id === agentInvite.userId);
  await settle();
  // The admin never hears of the admin invite, the agent of neither.
  assert.deepEqual(events(adminSocket, "invite_accepted").map((r) => r.payload.invite_id), [agentInvite.invite.id]);
  assert.equal(events(agentSocket, "invite_accepted").length, 0);
  const everything = JSON.stringify(agentSocket.received);
  assert.ok(!everything.includes(adminInvite.invite.id) && !everything.includes(agentInvite.invite.id));
});

test("invites_changed reaches only those who may manage invites, and names no invite", async () => {
  const biz = await business(service);
  const admin = await addMember(service, biz, "admin");
  const agent = await addMember(service, biz);
  const [ownerSocket, adminSocket, agentSocket] = await Promise.all([
    connect({ token: biz.owner.token }), connect({ token: admin.token }), connect({ token: agent.token })]);
  // admins_can_invite is off: only the owner manages invites.
  const first = (await biz.api.ok("POST", "/app/invites", { email: `first-${crypto.randomUUID().slice(0, 8)}@example.com`, seat: "lite" })).data;
  assert.deepEqual(await waitFor(ownerSocket, "invites_changed"), { business_id: biz.id });
  // A change everyone hears, sent after: once it has arrived, an invites_changed would have too.
  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: true });
  await waitFor(adminSocket, "workspace_updated");
  await waitFor(agentSocket, "workspace_updated");
  assert.equal(events(adminSocket, "invites_changed").length, 0);
  assert.equal(events(agentSocket, "invites_changed").length, 0);

  // With the right, admins hear it too; agents never do, and no socket is told an invite id.
  await biz.api.ok("DELETE", `/app/invites/${first.id}`);
  await waitFor(adminSocket, "invites_changed");
  await biz.api.ok("PATCH", "/api/v1/business", { name: "Acme Support Two" });
  await waitFor(agentSocket, "workspace_updated", WAIT_MS, (p) => p.name === "Acme Support Two");
  assert.equal(events(agentSocket, "invites_changed").length, 0);
  for (const socket of [ownerSocket, adminSocket, agentSocket]) assert.ok(!JSON.stringify(socket.received).includes(first.id));
});

test("workspace_joined tells a user's sockets in their other workspaces that they were added elsewhere", async () => {
  const home = await business(service);
  const agent = await addMember(service, home);
  const socket = await connect({ token: agent.token });
  const other = await business(service);
  await other.api.ok("POST", `/api/v1/team/invite?email=${encodeURIComponent(agent.email)}&role=agent`);
  assert.deepEqual(await waitFor(socket, "workspace_joined"), { business_id: other.id, name: "Acme Support", role: "agent", seat: "full" });
  // The home workspace's other members hear nothing of it.
  assert.equal(events(socket, "member_joined").filter((r) => r.payload.user_id === agent.id).length, 0);
});

test("conversation_created reaches the business", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const [agentSocket, strangerSocket] = await Promise.all([connect({ token: agent.token }), connect({ token: (await business(service)).owner.token })]);
  const created = await service.api(biz.owner.token).ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c-1", initial_message: "Hi" });
  assert.deepEqual(await waitFor(agentSocket, "conversation_created"), { conversation_id: created.id });
  await settle();
  assert.equal(events(strangerSocket, "conversation_created").length, 0);
});

test("a bad or missing token is refused with connect_error", async () => {
  await assert.rejects(connect({ token: "1|" + "x".repeat(40) }), /Not authenticated/);
  await assert.rejects(connect({}), /Not authenticated/);
  const user = await register(service);
  await assert.rejects(connect({ token: user.token, business_id: crypto.randomUUID() }), /Workspace not found/);
});

test("the token is accepted as an Authorization header, and over polling only and websocket only", async () => {
  const biz = await business(service);
  const viaHeader = await connect({}, { extraHeaders: { authorization: `Bearer ${biz.owner.token}` }, transports: ["polling"] });
  assert.equal(viaHeader.io.engine.transport.name, "polling");
  const viaWebsocket = await connect({ token: biz.owner.token }, { transports: ["websocket"] });
  assert.equal(viaWebsocket.io.engine.transport.name, "websocket");
  await service.api(biz.owner.token).ok("PATCH", "/api/v1/team/status", { status: "away" });
  await waitFor(viaHeader, "agent_status_changed");
  await waitFor(viaWebsocket, "agent_status_changed");
});

test("logging out disconnects the sockets opened with that token", async () => {
  const biz = await business(service);
  const socket = await connect({ token: biz.owner.token });
  const disconnected = new Promise((ok) => socket.once("disconnect", ok));
  await service.api(biz.owner.token).ok("POST", "/api/v1/auth/logout");
  assert.match(await disconnected, /server disconnect|transport close/);
});

test("presence: a member whose last socket is gone past the grace period becomes offline", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  await service.api(agent.token).ok("PATCH", "/api/v1/team/status", { status: "live" });
  const ownerSocket = await connect({ token: biz.owner.token });
  const first = await connect({ token: agent.token });
  const second = await connect({ token: agent.token });

  first.disconnect();
  await settle(1500);
  assert.equal(events(ownerSocket, "agent_status_changed").filter((e) => e.payload.agent_id === agent.id).length, 0,
    "one socket still open: no change");
  second.disconnect();
  // The grace (1 s here) plus a generous bound: a late offline must not fail a loaded machine.
  const offline = await waitFor(ownerSocket, "agent_status_changed", 1000 + WAIT_MS, (p) => p.agent_id === agent.id);
  assert.equal(offline.status, "offline");

  // Reconnecting does not flip the member back on their own.
  await connect({ token: agent.token });
  await settle(500);
  const members = await biz.api.ok("GET", "/api/v1/team/members");
  assert.equal(members.find((m) => m.user_id === agent.id).status, "offline");
});

test("auto routing sends the same conversation_assigned, with assigned_by routing", async () => {
  const biz = await business(service);
  await biz.api.ok("PATCH", "/api/v1/team/status", { status: "offline" });
  const agent = await addMember(service, biz);
  await biz.api.ok("PATCH", "/api/v1/team/routing", { mode: "auto", default_capacity: 1 });
  const agentSocket = await connect({ token: agent.token });
  await service.api(agent.token).ok("PATCH", "/api/v1/team/status", { status: "live" });

  const first = await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id });
  const event = await waitFor(agentSocket, "conversation_assigned", WAIT_MS, (p) => p.conversation_id === first.id);
  assert.equal(event.assigned_by, "routing");
  const waiting = await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id });
  assert.equal(waiting.assigned_agent_id, null);
  // Resolving the first frees the agent: the waiting one follows, live.
  await service.api(agent.token).ok("PUT", `/api/v1/conversations/${first.id}/resolve`);
  await waitFor(agentSocket, "conversation_assigned", WAIT_MS, (p) => p.conversation_id === waiting.id);
});

test("offer routing: conversation_offered reaches only the chosen agent; a decline offers the other, who accepts", async () => {
  const biz = await business(service);
  await biz.api.ok("PATCH", "/api/v1/team/status", { status: "offline" });
  const agents = [await addMember(service, biz), await addMember(service, biz)];
  await biz.api.ok("PATCH", "/api/v1/team/routing", { mode: "offer", offer_timeout_seconds: 600 });
  const sockets = await Promise.all(agents.map((a) => connect({ token: a.token })));
  const ownerSocket = await connect({ token: biz.owner.token });
  for (const a of agents) await service.api(a.token).ok("PATCH", "/api/v1/team/status", { status: "live" });

  const conversation = await biz.api.ok("POST", "/api/v1/conversations/", { business_id: biz.id, customer_id: "c-offer" });
  const offeredTo = (await biz.api.ok("GET", `/api/v1/conversations/${conversation.id}`)).offered_agent_id;
  const first = agents.findIndex((a) => a.id === offeredTo);
  assert.ok(first >= 0, "offered to one of the two agents");
  const second = 1 - first;
  const offer = await waitFor(sockets[first], "conversation_offered", WAIT_MS, (p) => p.conversation_id === conversation.id);
  assert.match(offer.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(offer.conversation.id, conversation.id);
  await settle();
  for (const s of [sockets[second], ownerSocket]) assert.equal(events(s, "conversation_offered").length, 0);

  await service.api(agents[first].token).ok("POST", `/api/v1/conversations/${conversation.id}/decline`);
  await waitFor(sockets[second], "conversation_offered", WAIT_MS, (p) => p.conversation_id === conversation.id);
  const accepted = await service.api(agents[second].token).ok("POST", `/api/v1/conversations/${conversation.id}/accept`);
  assert.equal(accepted.assigned_agent_id, agents[second].id);
  const assigned = await waitFor(sockets[second], "conversation_assigned", WAIT_MS, (p) => p.conversation_id === conversation.id);
  assert.equal(assigned.assigned_by, "offer");
});

test("presence can be turned off per workspace: the member's status then stands", async () => {
  const biz = await business(service);
  const agent = await addMember(service, biz);
  const settings = await biz.api.ok("PATCH", "/api/v1/team/settings", { auto_offline: false });
  assert.equal(settings.auto_offline, false);
  await service.api(agent.token).ok("PATCH", "/api/v1/team/status", { status: "live" });
  const socket = await connect({ token: agent.token });
  socket.disconnect();
  await settle(2500);
  const members = await biz.api.ok("GET", "/api/v1/team/members");
  assert.equal(members.find((m) => m.user_id === agent.id).status, "live");
});

test("plan, settings and profile changes reach the business as workspace_updated, and nobody else", async () => {
  const biz = await business(service, "mini");
  const agent = await addMember(service, biz);
  const other = await business(service);
  const agentSocket = await connect({ token: agent.token });
  const strangerSocket = await connect({ token: other.owner.token });

  await biz.api.ok("PUT", "/api/v1/billing/plan", { plan: "pro" });
  assert.equal((await waitFor(agentSocket, "workspace_updated", WAIT_MS, (p) => p.plan === "pro")).business_id, biz.id);
  await biz.api.ok("PATCH", "/api/v1/team/settings", { admins_can_invite: true });
  await waitFor(agentSocket, "workspace_updated", WAIT_MS, (p) => p.admins_can_invite === true);
  await biz.api.ok("PATCH", "/api/v1/business", { logo: "https://cdn.example.com/acme.png" });
  await waitFor(agentSocket, "workspace_updated", WAIT_MS, (p) => p.logo === "https://cdn.example.com/acme.png");
  await settle();
  assert.equal(events(strangerSocket, "workspace_updated").length, 0);
});

// One Socket.IO connection per tab, to the workspace on screen. Pages subscribe to events with
// onRealtime(); the connection state is shown in the header and kept on <html data-realtime>.
// The client is the official socket.io-client, copied from npm into /vendor at build time.
import { io } from "/vendor/socket.io.esm.min.js";

const EVENTS = [
  "conversation_assigned",
  "conversation_offered",
  "conversation_offer_ended",
  "conversation_unassigned",
  "agent_status_changed",
  "member_joined",
  "member_removed",
  "member_updated",
  "member_suspended",
  "member_restored",
  "invite_accepted",
  "workspace_updated",
  "workspace_deleted",
  "invites_changed",
  "conversation_created",
  "conversation_updated",
  "workspace_joined",
  "team_updated",
];

const bus = new EventTarget();
let socket = null;
let recovered = false;

function setState(state) {
  document.documentElement.dataset.realtime = state;
  bus.dispatchEvent(new CustomEvent("state", { detail: state }));
}

export function connectRealtime(token, workspaceId) {
  disconnectRealtime();
  // Same origin as the page: no URL, and the Content-Security-Policy's connect-src 'self' covers it.
  socket = io({ auth: { token, business_id: workspaceId } });
  setState("connecting");
  // The transport in use, on <html data-realtime-transport>: a session starts on long-polling and moves to a
  // WebSocket a moment later. Support (and the browser tests) can tell a tab still mid-upgrade: a tab closed
  // then is only noticed by the server's heartbeat, as with Node's engine.io.
  socket.io.on("open", () => {
    const engine = socket.io.engine;
    document.documentElement.dataset.realtimeTransport = engine.transport.name;
    engine.on("upgrade", (transport) => (document.documentElement.dataset.realtimeTransport = transport.name));
  });
  // Connection state recovery: after a short cut the server replays what was missed and socket.recovered is true;
  // only a fresh session (recovered false) means events may have been lost and pages must re-read.
  socket.on("connect", () => {
    recovered = socket.recovered === true;
    setState("connected");
  });
  socket.on("disconnect", () => setState("disconnected"));
  socket.on("connect_error", (error) => {
    setState("disconnected");
    if (error?.message === "Not authenticated") bus.dispatchEvent(new CustomEvent("unauthenticated"));
  });
  for (const name of EVENTS) socket.on(name, (payload) => bus.dispatchEvent(new CustomEvent(name, { detail: payload })));
}

export function disconnectRealtime() {
  socket?.disconnect();
  socket = null;
  delete document.documentElement.dataset.realtimeTransport;
  setState("off");
}

/** Subscribes to a socket event (or "state"); returns the unsubscribe function. */
export function onRealtime(name, callback) {
  const listener = (event) => callback(event.detail);
  bus.addEventListener(name, listener);
  return () => bus.removeEventListener(name, listener);
}

/** Whether the last (re)connection restored the session with nothing missed (socket.io connection state recovery). */
export const realtimeRecovered = () => recovered;

export const realtimeState = () => document.documentElement.dataset.realtime ?? "off";

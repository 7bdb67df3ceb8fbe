// Who is signed in and where (the "context"): read from the API, kept for every page, and the live connection
// that follows it (one socket per token and workspace).
import { session } from "../session.js";
import { api } from "../api.js";
import { connectRealtime, disconnectRealtime } from "../realtime.js";

/** { me, workspace, role, seat } once signed in; null otherwise. */
let ctx = null;
let socketKey = null;

export const currentContext = () => ctx;

export async function loadContext() {
  if (!session.token) {
    ctx = null;
    return null;
  }
  const me = await api("GET", "/api/v1/auth/me");
  const workspace = me.businesses.find((b) => b.id === session.workspaceId)
    ?? me.businesses.find((b) => b.role === "owner")
    ?? me.businesses[0]
    ?? null;
  session.workspaceId = workspace?.id ?? null;
  ctx = { me, workspace, role: workspace?.role ?? null, seat: workspace?.seat ?? null };
  const key = workspace ? `${session.token}/${workspace.id}` : null;
  if (key !== socketKey) {
    socketKey = key;
    if (key) connectRealtime(session.token, workspace.id);
    else disconnectRealtime();
  }
  return ctx;
}

/** Forgets the context and its socket (another tab signed in or out); the next render reads it again. */
export function dropContext() {
  ctx = null;
  socketKey = null;
  disconnectRealtime();
}

export function forgetSession() {
  session.forget();
  dropContext();
}

/** Without a usable workspace: the suspension page when one suspended me, else creating a workspace. */
export const noWorkspacePath = () => (ctx?.me?.suspended_in?.length ? "/suspended" : "/workspaces/new");

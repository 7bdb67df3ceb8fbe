// The one HTTP client of the dashboard. Both faces (PingBack /api/v1, Pipeback /app) take the same token;
// every call names the workspace with x-workspace-id, which both faces accept.
import { session } from "./session.js";
import { ApiError, retryAfterSeconds } from "./api-error.js";

const unauthorizedListeners = new Set();
/** Calls back when a signed-in request answers 401 (token revoked or expired). */
export function onUnauthorized(callback) {
  unauthorizedListeners.add(callback);
}

export async function api(method, path, body, { auth = true } = {}) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = auth ? session.token : null;
  if (token) headers.authorization = `Bearer ${token}`;
  if (token && session.workspaceId) headers["x-workspace-id"] = session.workspaceId;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null, "Switchboard can't be reached. Check your connection and try again.");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data, `Something went wrong (HTTP ${response.status}). Try again.`);
    error.retryAfter = retryAfterSeconds(response.headers.get("retry-after"));
    if (response.status === 401 && token) for (const callback of unauthorizedListeners) callback(error);
    throw error;
  }
  return data;
}

/** Pipeback answers { data: … }; PingBack answers the value itself. */
export const unwrap = (body) => (body && typeof body === "object" && "data" in body ? body.data : body);

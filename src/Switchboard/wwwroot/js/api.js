// The one HTTP client of the dashboard. Both faces (PingBack /api/v1, Pipeback /app) take the same token;
// every call names the workspace with x-workspace-id, which both faces accept.
import { session } from "./session.js";

/** A refusal from the API, read from either face's error shape; decide on `code`/`fieldCodes`, never on the words. */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    super(messageOf(body) ?? fallback);
    this.status = status;
    this.body = body;
    /** The stable code (docs/api.md, "Refusal codes"); null without one (a proxy's error, no connection). */
    this.code = typeof body?.code === "string" ? body.code : null;
    /** { fieldName: "code" } of a 422, each field's first (e.g. "invalid_email", "account_exists"). */
    this.fieldCodes = Object.fromEntries(Object.entries(body?.field_codes ?? {}).map(([f, c]) => [f, Array.isArray(c) ? c[0] : null]));
    /** { fieldName: "human message" } from a 422 (both faces). */
    this.fields = fieldsOf(body);
    /** Seconds to wait, from a 429's or 503's Retry-After header; null when it sent none. */
    this.retryAfter = null;
  }
}

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

/** Retry-After is seconds or an HTTP date; either becomes whole seconds from now. */
function retryAfterSeconds(value) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Pipeback answers { data: … }; PingBack answers the value itself. */
export const unwrap = (body) => (body && typeof body === "object" && "data" in body ? body.data : body);

function messageOf(body) {
  if (!body || typeof body !== "object") return null;
  if (typeof body.message === "string") return body.message;
  if (typeof body.detail === "string") return body.detail;
  const fields = fieldsOf(body);
  const first = Object.values(fields)[0];
  return first ?? null;
}

function fieldsOf(body) {
  const fields = {};
  if (!body || typeof body !== "object") return fields;
  // Pipeback (Laravel): { message, errors: { email: ["The email field must be a valid email address."] } }
  if (body.errors && typeof body.errors === "object") {
    for (const [field, messages] of Object.entries(body.errors)) {
      if (Array.isArray(messages) && messages.length) fields[field] = String(messages[0]);
    }
  }
  // PingBack (FastAPI): { detail: [{ type, loc: ["body", "email"], msg }] }
  if (Array.isArray(body.detail)) {
    for (const item of body.detail) {
      const loc = Array.isArray(item?.loc) ? item.loc : [];
      const field = loc.length > 1 ? String(loc[loc.length - 1]) : "body";
      if (!(field in fields)) fields[field] = pydanticSentence(item, body.field_codes?.[field]?.[0]);
    }
  }
  return fields;
}

/** pydantic's terse words as a sentence a person reads; `code` is the field's code from field_codes. */
function pydanticSentence({ type, msg }, code) {
  const text = String(msg ?? "");
  const count = /(\d+)/.exec(text)?.[1];
  switch (type) {
    case "missing":
      return "This field is required.";
    case "string_too_short":
      return count === "1" ? "This field is required." : `Use at least ${count} characters.`;
    case "string_too_long":
      return `Use at most ${count} characters.`;
    case "enum":
      return `Choose one of the offered values (${text.replace(/^Input should be /, "")}).`;
    default:
      // A malformed address (pydantic says only "value_error"); other errors about an email keep their words.
      if (code === "invalid_email") return "Enter a valid email address, like name@example.com.";
      return sentence(text.replace(/^Value error, /, ""));
  }
}

const sentence = (text) => (text ? text[0].toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".") : text);

// A refusal from the API as the dashboard reads it, from either face's error shape: its status, stable code, the
// field messages of a 422 (pydantic's terse words turned into sentences) and Retry-After in seconds.

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

/** Retry-After is seconds or an HTTP date; either becomes whole seconds from now. */
export function retryAfterSeconds(value) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

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

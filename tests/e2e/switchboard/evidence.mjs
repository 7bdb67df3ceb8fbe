// Evidence for the whole-run log check: every secret the e2e helpers send or get back (passwords, tokens, link
// secrets, codes) and every service log, written under SWITCHBOARD_E2E_EVIDENCE_DIR when it is set (scripts/test
// sets it). After every suite, tests/e2e/operations/no-secrets-in-logs.mjs reads them and fails if any log holds
// any secret. Without the variable nothing is written.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";

const dir = process.env.SWITCHBOARD_E2E_EVIDENCE_DIR;
if (dir) mkdirSync(dir, { recursive: true });

const secretKeys = /^(password|new_password|current_password|password_confirmation|access_token|token|secret|client_secret|code|recovery_code)$/i;
// Shorter values (a 6-digit TOTP code, "ok") would match by chance anywhere.
const minLength = 8;

/** Notes one secret value. */
export function noteSecret(value) {
  if (!dir || typeof value !== "string" || value.length < minLength) return;
  appendFileSync(join(dir, `secrets-${process.pid}.txt`), value.replace(/\n/g, " ") + "\n");
}

/** Notes the values of every secret-named field in a request or response body, at any depth. */
export function noteSecretsIn(body) {
  if (!dir || body === null || typeof body !== "object") return;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && secretKeys.test(key)) noteSecret(value);
    else if (typeof value === "object") noteSecretsIn(value);
  }
}

/** Keeps a service's whole log (stdout and stderr) for the check. */
export function keepLog(name, text) {
  if (!dir) return;
  writeFileSync(join(dir, `log-${name}-${randomUUID().slice(0, 8)}.txt`), text);
}

// The whole-run log check (run by scripts/test after every Node suite, not a *.test file): no log written by any
// service the e2e suites started holds any secret those suites sent or got back — passwords, tokens (whole or
// their secret half), link secrets, codes. Reads what tests/e2e/switchboard/evidence.mjs wrote under the folder
// given as the first argument; prints one line per finding and a count, exits 1 on a finding or when there was
// nothing to check (a check that saw no log or no secret proves nothing).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node no-secrets-in-logs.mjs <evidence folder>");
  process.exit(2);
}
let files = [];
try { files = readdirSync(dir); } catch {}
const secrets = new Set();
for (const file of files.filter((f) => f.startsWith("secrets-"))) {
  for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
    if (!line) continue;
    secrets.add(line);
    // "<id>|<secret>" tokens: the secret half alone is as bad.
    const bar = line.indexOf("|");
    if (bar > 0 && line.length - bar > 16) secrets.add(line.slice(bar + 1));
  }
}
const logs = files.filter((f) => f.startsWith("log-"));
console.log(`# ${secrets.size} distinct secrets from the e2e suites, ${logs.length} service logs`);
if (secrets.size === 0 || logs.length === 0) {
  console.log("not ok - nothing to check: no secret or no log was recorded (is SWITCHBOARD_E2E_EVIDENCE_DIR set for the suites?)");
  process.exit(1);
}

// Secrets are looked up by the words of each log line (one pass over the logs instead of one per secret); the
// few secrets with other characters (a password with a space) are searched for whole.
const word = /[A-Za-z0-9_\-.~+/=]+/g;
const plain = /^[A-Za-z0-9_\-.~+/=|]+$/;
const odd = [...secrets].filter((s) => !plain.test(s));
let findings = 0;
let bytes = 0;
for (const file of logs) {
  const text = readFileSync(join(dir, file), "utf8");
  bytes += text.length;
  const hits = new Set();
  for (const candidate of text.replace(/%7C/gi, "|").match(/[A-Za-z0-9_\-.~+/=|]+/g) ?? []) {
    if (secrets.has(candidate)) hits.add(candidate);
    for (const part of candidate.split("|")) if (secrets.has(part)) hits.add(part);
    for (const piece of candidate.match(word) ?? []) if (secrets.has(piece)) hits.add(piece);
  }
  for (const secret of odd) if (text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1))) hits.add(secret);
  for (const hit of hits) {
    findings++;
    console.log(`not ok - ${file} holds a secret: ${hit.slice(0, 4)}… (${hit.length} characters)`);
  }
}
console.log(`# ${(bytes / 1024).toFixed(0)} KiB of logs read`);
if (findings > 0) process.exit(1);
console.log("ok - no secret in any service log of the run");

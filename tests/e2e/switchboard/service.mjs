// Starts the real Switchboard service (the built dll) on a free loopback port over a fresh SQLite file,
// and gives the tests a small REST client for it.
import { spawn } from "node:child_process";
import { existsSync, statSync, rmSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { keepLog, noteSecret, noteSecretsIn } from "./evidence.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The most recently built configuration of the service (Release by scripts/test, Debug by a plain build). */
export function builtDll() {
  const candidates = ["Release", "Debug"]
    .map((c) => join(root, "src/Switchboard/bin", c, "net10.0/Switchboard.dll"))
    .filter(existsSync)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) throw new Error("Switchboard is not built: run `dotnet build Switchboard.slnx` first");
  return candidates[0];
}

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * `host`: the name the tests (and the browser) use. "localhost" for passkeys: browsers refuse an IP address as
 * WebAuthn relying party id, so that service also gets PublicBaseUrl = its URL (the relying party's default).
 */
export async function startService(settings = {}, { host = "127.0.0.1" } = {}) {
  const port = await freePort();
  const db = join(tmpdir(), `switchboard-e2e-${randomUUID()}.db`);
  const url = `http://${host}:${port}`;
  const mailDir = join(tmpdir(), `switchboard-e2e-mail-${port}`);
  // A port is used again by a later service: its folder starts empty, so no earlier run's mail is read.
  rmSync(mailDir, { recursive: true, force: true });
  const child = spawn("dotnet", [builtDll()], {
    cwd: join(root, "src/Switchboard"),
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Testing",
      Urls: url,
      Database__Provider: "sqlite",
      ConnectionStrings__Switchboard: `Data Source=${db}`,
      Security__PasswordHasher__IterationCount: "1000",
      RateLimits__Login__PerIpPerMinute: "100000",
      RateLimits__Register__PerIpPerHour: "100000",
      RateLimits__VerifyEmail__PerIpPerHour: "100000",
      RateLimits__BusinessCreate__PerIpPerHour: "100000",
      Email__PickupDirectory: mailDir,
      Logging__LogLevel__Default: "Warning",
      ...(host === "127.0.0.1" ? {} : { PublicBaseUrl: url }),
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  // A bound against a service that never starts; a loaded machine may need more (SWITCHBOARD_E2E_START_SECONDS).
  const startSeconds = Number(process.env.SWITCHBOARD_E2E_START_SECONDS ?? 90);
  const deadline = Date.now() + startSeconds * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Switchboard exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Switchboard did not start within ${startSeconds} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    /** The SQLite file, for fixtures too large to build through the API (a 1,000-member team). */
    db,
    mailDir: settings.Email__PickupDirectory ?? mailDir,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      keepLog(`service-${port}`, log);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
    },
    api: (token, workspaceId) => new Api(url, token, workspaceId),
  };
}

export class Api {
  constructor(url, token, workspaceId) {
    this.url = url;
    this.token = token;
    this.workspaceId = workspaceId;
  }

  async call(method, path, body) {
    const headers = { "content-type": "application/json" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.workspaceId) headers["x-workspace-id"] = this.workspaceId;
    noteSecretsIn(body);
    const res = await fetch(this.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    noteSecretsIn(parsed);
    return { status: res.status, body: parsed };
  }

  async ok(method, path, body) {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

let counter = 0;

/** Registers a user; returns { token, id, email }. The address is not confirmed yet: see confirmEmail. */
export async function register(service, name = "Test User") {
  const email = `user${++counter}-${randomUUID().slice(0, 8)}@example.com`;
  const body = await service.api().ok("POST", "/api/v1/auth/register", { email, full_name: name, password: "correct-horse" });
  return { token: body.access_token, id: body.user.id, email };
}

/**
 * Confirms a user's address as they would: finds the confirmation mail in the service's pickup folder
 * (waiting for the outbox to deliver it), takes the token from its link and posts it.
 */
export async function confirmEmail(service, user, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let askedAgain = false;
  for (;;) {
    // Only the newest link works (asking again retires the earlier ones), so the newest mail to the user is read.
    const mails = confirmationMails(service.mailDir, user.email);
    if (mails.length > 0) {
      const { file, token } = mails[mails.length - 1];
      const res = await service.api().call("POST", "/api/v1/auth/verify-email", { token });
      if (res.status >= 300) {
        // Everything needed to tell a test slip from a service bug, since this cannot be reproduced at will.
        throw new Error(`POST /api/v1/auth/verify-email → ${res.status} ${JSON.stringify(res.body)} for ${user.email}; ` +
          `confirmation mails to it: ${mails.map((m) => `${m.file} (${m.token})`).join(", ")}; used ${file}\n` +
          `service log (tail):\n${service.log?.().slice(-4000) ?? ""}`);
      }
      return user;
    }
    if (!askedAgain && user.token && Date.now() > deadline - timeout / 2) {
      // What a person does when the link does not come or does not work: ask for a new one (the newest is read).
      // Said on the test's output, since a link that never comes whole is worth a look (see the error below).
      askedAgain = true;
      const seen = mailsTo(service.mailDir, user.email).map((m) => /verify-email\?token=\S*/.exec(m.text)?.[0] ?? "no link");
      console.log(`# no whole confirmation link for ${user.email} after ${timeout / 2} ms (mails: ${seen.join(", ") || "none"}); asking again`);
      await service.api(user.token).call("POST", "/api/v1/auth/verify-email/resend");
    }
    if (Date.now() > deadline) {
      // What the folder held for the address, links cut short included, to tell a slow outbox from a broken mail.
      const seen = mailsTo(service.mailDir, user.email).map((m) => `${m.file}: ${/verify-email\?token=\S*/.exec(m.text)?.[0] ?? "no link"}`);
      throw new Error(`no confirmation mail to ${user.email} in ${service.mailDir} within ${timeout} ms; mails to it: ${seen.join(", ") || "none"}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The confirmation mails to an address in a pickup folder, oldest first: [{ file, token }]. */
function confirmationMails(mailDir, email) {
  return mailsTo(mailDir, email)
    // A whole secret is 43 characters (32 bytes, base64url): a shorter one is a mail not yet whole, read again.
    .map(({ file, text }) => ({ file, token: /\/verify-email\?token=([A-Za-z0-9_-]{43,})/.exec(text)?.[1] }))
    .filter((m) => m.token);
}

/**
 * The mails to an address in a pickup folder, oldest first: [{ file, text, date }], the text with quoted-printable
 * soft line breaks joined and "=3D" decoded, so links read whole.
 */
export function mailsTo(mailDir, email) {
  if (!mailDir || !existsSync(mailDir)) return [];
  const found = [];
  for (const file of readdirSync(mailDir).filter((f) => f.endsWith(".eml"))) {
    const text = readFileSync(join(mailDir, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
    // The header line itself, not any line ending in "to: <address>" (Reply-To).
    const lines = text.split(/\r?\n/).map((l) => l.trim().toLowerCase());
    if (!lines.includes(`to: ${email.toLowerCase()}`)) continue;
    found.push({ file, text, date: statSync(join(mailDir, file)).mtimeMs });
  }
  return found.sort((a, b) => a.date - b.date);
}

/** Waits for a mail to `email` whose text matches `pattern`; returns the newest match (the RegExp's match array). */
export async function waitForMail(service, email, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const match = mailsTo(service.mailDir, email).map((m) => pattern.exec(m.text)).filter(Boolean).at(-1);
    if (match) {
      // What a mail carries for its reader alone (a link's secret) is a secret to look for in the logs.
      for (const group of match.slice(1)) if (group && group.length >= 16) noteSecret(group);
      return match;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${email} matching ${pattern} in ${service.mailDir} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Registers a user and confirms their address, so that teams can add them. */
export async function registerConfirmed(service, name = "Test User") {
  return confirmEmail(service, await register(service, name));
}

/**
 * An owner with a business on the given plan; returns { owner, id, api }. The owner's address is confirmed
 * (only confirmed accounts may send invitations) unless `confirmed` is false; a service handle may bring its
 * own `confirm(user)` (the fault harness, whose mail goes to an SMTP sink that may be down), else the
 * confirmation mail is read from the pickup folder.
 */
export async function business(service, plan = "pro", { confirmed = true } = {}) {
  const owner = await register(service, "Olivia Owner");
  if (confirmed) await (service.confirm ? service.confirm(owner) : confirmEmail(service, owner));
  const created = await service.api(owner.token).ok("POST", "/api/v1/auth/business/create", { name: "Acme Support" });
  const api = service.api(owner.token, created.id);
  if (plan !== "free") await api.ok("PUT", "/api/v1/billing/plan", { plan });
  return { owner, id: created.id, api };
}

/** Registers a user and adds them with the PingBack invite; returns { token, id, email, memberId }. */
export async function addMember(service, biz, role = "agent") {
  const user = await registerConfirmed(service, role === "admin" ? "Adam Admin" : "Alex Agent");
  const res = await biz.api.ok("POST", `/api/v1/team/invite?email=${encodeURIComponent(user.email)}&role=${role}`);
  return { ...user, memberId: res.team_member_id };
}

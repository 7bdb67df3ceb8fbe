// Structured logs without secrets, readiness, and a clean stop on Ctrl-C, against the built service as a process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Api } from "../switchboard/service.mjs";
import { startNode, mailedToken, exitWithin } from "./node.mjs";

test("JSON logs of register, login, invite, accept, forgot and reset carry no token, password or link secret; SIGINT exits 0", async () => {
  const node = await startNode({ Logging__Format: "json",
    // Lines written inside requests, so the trace ids of the JSON lines are seen too (route templates only, no ids).
    "Logging__LogLevel__Microsoft.AspNetCore.Routing.EndpointMiddleware": "Information" });
  try {
    const api = (token, workspace) => new Api(node.url, token, workspace);
    const secrets = [];
    const ownerEmail = `owner-${randomUUID().slice(0, 8)}@example.com`;
    const ownerPassword = `Owner-${randomUUID()}`;
    secrets.push(ownerEmail, ownerPassword);
    const registered = await api().ok("POST", "/api/v1/auth/register", { email: ownerEmail, full_name: "Olivia Owner", password: ownerPassword });
    secrets.push(registered.access_token);
    const verify = await mailedToken(node, ownerEmail, "verify-email");
    secrets.push(verify);
    await api().ok("POST", "/api/v1/auth/verify-email", { token: verify });
    const login = await api().ok("POST", "/api/v1/auth/login", { email: ownerEmail, password: ownerPassword });
    secrets.push(login.access_token);
    const owner = api(login.access_token);
    const business = await owner.ok("POST", "/api/v1/auth/business/create", { name: "Acme Support" });
    const admin = api(login.access_token, business.id);
    await admin.ok("PUT", "/api/v1/billing/plan", { plan: "mini" });

    const guestEmail = `guest-${randomUUID().slice(0, 8)}@example.com`;
    const guestPassword = `Guest-${randomUUID()}`;
    secrets.push(guestEmail, guestPassword);
    const invite = (await admin.ok("POST", "/app/invites", { email: guestEmail, seat: "full", role: "agent" })).data;
    secrets.push(invite.id); // the invite's id is its link (`/invite/{id}`)
    const accepted = await api().ok("POST", `/app/invites/${invite.id}`,
      { email: guestEmail, name: "Gus Guest", password: guestPassword, password_confirmation: guestPassword });
    secrets.push(accepted.token);
    const link = (await admin.ok("POST", "/app/invite-links", { seat: "full" })).data;
    secrets.push(link.token);

    await api().ok("POST", "/api/v1/auth/password/forgot", { email: ownerEmail });
    const reset = await mailedToken(node, ownerEmail, "reset-password");
    secrets.push(reset);
    const newPassword = `Reset-${randomUUID()}`;
    secrets.push(newPassword);
    const afterReset = await api().ok("POST", "/api/v1/auth/password/reset", { token: reset, password: newPassword });
    secrets.push(afterReset.access_token);

    const ready = await fetch(`${node.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(await ready.text(), "Ready");
    // Loopback callers read the metrics without a token.
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    assert.match(metrics, /^switchboard_invites_accepted_total(\{[^}]*\})? 1$/m);

    node.child.kill("SIGINT");
    const { code, signal } = await exitWithin(node, 20_000);
    assert.equal(signal, null, `ended by ${signal}`);
    assert.equal(code, 0, node.stderr());

    const lines = node.stdout().split("\n").filter((l) => l.trim() !== "");
    assert.ok(lines.length > 5, node.stdout());
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        assert.fail(`not one JSON object per line: ${line}`);
      }
    });
    for (const entry of entries) assert.ok(entry.Timestamp && entry.LogLevel && entry.Category, JSON.stringify(entry));
    assert.ok(entries.some((e) => e.Message === "Application is shutting down..."), "the stop is logged");
    const traced = entries.filter((e) => (e.Scopes ?? []).some((s) => /^[0-9a-f]{32}$/.test(s.TraceId ?? "") && /^[0-9a-f]{16}$/.test(s.SpanId ?? "")));
    assert.ok(traced.length > 0, "lines written inside requests carry TraceId and SpanId");
    const everything = node.stdout() + node.stderr();
    for (const secret of secrets)
      for (const form of new Set([secret, secret.toLowerCase(), JSON.stringify(secret).slice(1, -1)]))
        assert.ok(!everything.includes(form), `a secret is in the logs: ${secret.slice(0, 6)}…`);
    // The secret half of each "id|secret" token, alone.
    for (const token of secrets.filter((s) => /^\d+\|/.test(s)))
      assert.ok(!everything.includes(token.split("|")[1]), "a token's secret is in the logs");
  } finally {
    await node.kill();
  }
});

test("/readyz answers 503 Stopping while the node drains, then the node exits 0 on SIGTERM", async () => {
  const node = await startNode({ Shutdown__DrainSeconds: "3", Shutdown__TimeoutSeconds: "20" });
  try {
    assert.equal((await fetch(`${node.url}/readyz`)).status, 200);
    node.child.kill("SIGTERM");
    // During the drain the node still answers, and says it is not ready.
    let answer;
    for (;;) {
      answer = await fetch(`${node.url}/readyz`).catch(() => null);
      if (answer === null || answer.status === 503) break;
    }
    assert.ok(answer, "the node answered during the drain");
    assert.equal(await answer.text(), "Stopping");
    assert.equal((await fetch(`${node.url}/healthz`)).status, 200, "liveness stays simple");
    const { code } = await exitWithin(node, 30_000);
    assert.equal(code, 0);
  } finally {
    await node.kill();
  }
});

test("/metrics refuses other callers unless they bring the configured bearer token", async () => {
  const node = await startNode({ Metrics__BearerToken: "scrape-secret-1" });
  try {
    // A caller relayed by a loopback proxy counts as its real address (X-Forwarded-For).
    const relayed = { "x-forwarded-for": "203.0.113.9" };
    assert.equal((await fetch(`${node.url}/metrics`, { headers: relayed })).status, 401);
    assert.equal((await fetch(`${node.url}/metrics`, { headers: { ...relayed, authorization: "Bearer wrong" } })).status, 401);
    const ok = await fetch(`${node.url}/metrics`, { headers: { ...relayed, authorization: "Bearer scrape-secret-1" } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /^# TYPE switchboard_outbox_depth gauge$/m);
  } finally {
    await node.kill();
  }
});

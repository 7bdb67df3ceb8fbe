// SIGKILL of the service while many invites are being created at once, on SQLite and on PostgreSQL. An invite
// and its mail are written in one transaction: after a restart every invite that exists has exactly one outbox
// mail, the restarted dispatcher delivers each exactly once, no mail goes out for an invite that does not exist,
// and every create that was answered 201 is there.
//
// During the kill the dispatcher is running but its SMTP server is not up yet, so it is claiming rows and
// recording failures as the process dies. (Were the server up, a kill between the server's "250 OK" and the row
// marked sent would, by SMTP's nature, resend that one mail with the same Message-ID: at-least-once, which
// this test does not try to provoke. See docs/hardening.md.)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { business, freePort } from "../switchboard/service.mjs";
import {
  database, startNode, startSink, cleanup, hasPostgres, killAfterSuccesses, attempt, uniqueTag, tally, mails,
  smtpSettings, tempDir, eventually, sleep,
} from "./harness.mjs";

const CREATES = 60;
// Killed after the third success: late enough that some have committed, early enough that most are still in
// flight (on a fast machine SQLite finishes a 60-request burst within a few milliseconds of its first answers).
const KILL_AFTER = 3;

after(cleanup);

for (const provider of ["sqlite", "postgres"]) {
  test(`SIGKILL during ${CREATES} concurrent invite creations on ${provider}: each invite has its mail, sent once`,
    { timeout: 600_000, skip: provider === "postgres" && !hasPostgres() && "SWITCHBOARD_TEST_PG is not set" },
    async (t) => {
      const db = await database(provider);
      const smtpPort = await freePort();
      const dir = tempDir("mail");
      const settings = smtpSettings(smtpPort);
      let node = await startNode(db, settings);
      const biz = await business(node);
      const tag = uniqueTag();
      const emails = Array.from({ length: CREATES }, (_, i) => `create-${tag}-${i}@faults.test`);
      const headers = { authorization: `Bearer ${biz.owner.token}`, "x-workspace-id": biz.id };

      const create = (email) => () => attempt(node.url, "POST", "/app/invites", { email, seat: "lite" }, headers);
      const { outcomes, inFlightAtKill } = await killAfterSuccesses(node, emails.map(create), KILL_AFTER);
      const statuses = Object.fromEntries(tally(outcomes, (o) => o.status));
      t.diagnostic(`answers before the kill (0 = connection died): ${JSON.stringify(statuses)}; unanswered when SIGKILL was sent: ${inFlightAtKill}`);
      // 503 (database lock timeout on a saturated machine) is a refusal with nothing written; nothing else may fail.
      assert.deepEqual(Object.keys(statuses).filter((s) => !["201", "503", "0"].includes(s)), []);
      assert.ok(inFlightAtKill > 0, "the kill must land while creates are still in flight");
      const answered = new Map(emails.flatMap((email, i) => (outcomes[i].status === 201 ? [[email, outcomes[i].body.data.id]] : [])));

      const sink = await startSink(smtpPort, dir);
      node = await startNode(db, settings);
      const owner = node.api(biz.owner.token, biz.id);

      const pending = (await owner.ok("GET", "/app/invites")).data;
      const byEmail = new Map(pending.map((i) => [i.email, i.id]));
      assert.equal(byEmail.size, pending.length, "one invite per address");
      for (const [email, id] of answered) assert.equal(byEmail.get(email), id, `${email} was answered 201 but is not persisted`);
      for (const email of byEmail.keys()) assert.ok(emails.includes(email), `unexpected invite for ${email}`);
      const created = pending.filter((i) => i.email.startsWith(`create-${tag}-`));
      t.diagnostic(`after restart: ${created.length} invites exist, ${answered.size} of them were answered`);

      // The outbox itself (when a client for the database is installed): one invite mail per existing invite.
      const outbox = await db.sql(`SELECT "to", kind FROM outbox WHERE "to" LIKE 'create-${tag}-%'`);
      if (outbox) {
        const perAddress = tally(outbox, ([to]) => to);
        for (const invite of created) assert.equal(perAddress.get(invite.email), 1, `${invite.email}: one outbox mail`);
        assert.equal(outbox.length, created.length, "no outbox mail for an invite that was rolled back");
      }

      // The restarted dispatcher delivers them all (claims held by the killed process expire first).
      const ours = () => mails(dir).filter((m) => m.to?.startsWith(`create-${tag}-`));
      await eventually(`${created.length} invite mails in the sink`, () => ours().length >= created.length, 180_000);
      // Long enough for a retry or an expired claim to show up as a duplicate, were one coming.
      await sleep(Number(settings.Email__ClaimSeconds) * 1000 + 3000);
      const received = ours();
      for (const [id, count] of tally(received, (m) => m.messageId)) assert.equal(count, 1, `Message-ID ${id} received ${count} times`);
      const perInvite = tally(received.flatMap((m) => m.inviteIds), (id) => id);
      for (const invite of created) {
        assert.equal(perInvite.get(invite.id), 1, `${invite.email}: exactly one mail with its link`);
      }
      assert.equal(received.length, created.length, "no mail for an invite that does not exist");
      if (outbox) assert.deepEqual(await db.sql(`SELECT count(*) FROM outbox WHERE sent_at IS NULL`), [["0"]]);

      // An address whose create died unanswered and unpersisted can be invited now: nothing half-made blocks it.
      for (const email of emails.filter((e) => !byEmail.has(e))) {
        const again = await owner.call("POST", "/app/invites", { email, seat: "lite" });
        assert.equal(again.status, 201, `${email}: invite after restart → ${again.status} ${JSON.stringify(again.body)}`);
      }
      await node.stop();
      await sink.stop();
    });
}

// The SMTP server goes away for a minute (SWITCHBOARD_FAULTS_SMTP_OUTAGE_SECONDS, 60 by default; shorter for quick
// local runs) while invites keep being created at a steady pace, then comes back on the same port. Mail
// that was due meanwhile fails several attempts and backs off; afterwards every invite's mail has arrived,
// each Message-ID exactly once, none lost. (Complements tests/Switchboard.Tests/Email/SmtpDeliveryTests,
// where the server is down before a single invite and never goes away under a running dispatcher.)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { business, freePort } from "../switchboard/service.mjs";
import { database, startNode, startSink, cleanup, uniqueTag, tally, mails, smtpSettings, tempDir, eventually, sleep } from "./harness.mjs";

const OUTAGE_MS = Number(process.env.SWITCHBOARD_FAULTS_SMTP_OUTAGE_SECONDS ?? 60) * 1000;
const PACE_MS = 400;        // one invite every 400 ms: a steady trickle through all three phases
const BEFORE_AFTER_MS = 4000;

after(cleanup);

test(`SMTP down for ${OUTAGE_MS / 1000} s while invites are created: every mail arrives exactly once`,
  { timeout: OUTAGE_MS + 420_000 },
  async (t) => {
    const db = await database("sqlite");
    const smtpPort = await freePort();
    const dir = tempDir("mail");
    // Retries from 0.5 s doubling to 3 s: the outage costs each waiting mail several failed attempts.
    const settings = smtpSettings(smtpPort);
    let sink = await startSink(smtpPort, dir);
    const node = await startNode(db, settings);
    const biz = await business(node);
    const tag = uniqueTag();

    const created = [];     // { email, id, phase }
    let phase = "before";
    let creating = true;
    const creator = (async () => {
      for (let i = 0; creating; i++) {
        const email = `outage-${tag}-${i}@faults.test`;
        const started = Date.now();
        let res = await biz.api.call("POST", "/app/invites", { email, seat: "lite" });
        // A saturated machine may outwait SQLite's lock timeout: 503 wrote nothing, so the same create is retried.
        for (let retry = 0; res.status === 503 && retry < 5; retry++) {
          await sleep(1000);
          res = await biz.api.call("POST", "/app/invites", { email, seat: "lite" });
        }
        assert.equal(res.status, 201, `create ${email}: ${res.status} ${JSON.stringify(res.body)}`);
        created.push({ email, id: res.body.data.id, phase });
        await sleep(Math.max(0, PACE_MS - (Date.now() - started)));
      }
    })();
    creator.catch(() => {});   // reported where it is awaited, below; not as an unhandled rejection
    const stopCreating = async () => { creating = false; await creator; };

    try {
      await sleep(BEFORE_AFTER_MS);
      phase = "during";
      await sink.stop();
      const outageStart = Date.now();
      await sleep(OUTAGE_MS);
      const failures = (node.log().match(/not sent on attempt/g) ?? []).length;
      phase = "after";
      sink = await startSink(smtpPort, dir);
      t.diagnostic(`outage lasted ${((Date.now() - outageStart) / 1000).toFixed(1)} s; ${failures} failed send attempts logged`);
      await sleep(BEFORE_AFTER_MS);
      await stopCreating();

      const count = (p) => created.filter((c) => c.phase === p).length;
      t.diagnostic(`invites created before/during/after the outage: ${count("before")}/${count("during")}/${count("after")}`);
      assert.ok(count("during") >= 3, "invites must keep coming while the server is down");
      assert.ok(failures >= 3, `several attempts must fail during the outage (saw ${failures})`);

      const ours = () => mails(dir).filter((m) => m.to?.startsWith(`outage-${tag}-`));
      await eventually(`${created.length} invite mails`, () => ours().length >= created.length, 180_000);
      // A mail whose attempt straddled the outage would come again after a retry delay or a claim expiry.
      await sleep(Number(settings.Email__ClaimSeconds) * 1000 + 3000);

      const received = ours();
      for (const [id, n] of tally(received, (m) => m.messageId)) assert.equal(n, 1, `Message-ID ${id} received ${n} times`);
      const perInvite = tally(received.flatMap((m) => m.inviteIds), (id) => id);
      for (const invite of created) assert.equal(perInvite.get(invite.id), 1, `${invite.email} (${invite.phase}): one mail`);
      assert.equal(received.length, created.length);
      const unsent = await db.sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
      if (unsent) assert.deepEqual(unsent, [["0"]], "every outbox row is marked sent");
    } finally {
      creating = false;
      await creator.catch(() => {});
      await node.stop();
      await sink.stop();
    }
  });

// SIGKILL of the service while many invites are being accepted at once, on SQLite and on PostgreSQL. An accept
// makes a user, a membership, a seat-ledger entry, an audit row and a token and deletes the invite in one
// transaction; after a restart on the same database each invite must be either still pending with nothing made
// for its address, or gone with all of it exactly once — and an accept that was answered 200 must have stuck.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { business } from "../switchboard/service.mjs";
import { database, startNode, cleanup, hasPostgres, killAfterSuccesses, attempt, uniqueTag, tally } from "./harness.mjs";

const INVITES = 60;
// Killed after the third success: late enough that some have committed, early enough that most are still in
// flight (on a fast machine SQLite finishes a 60-request burst within a few milliseconds of its first answers).
const KILL_AFTER = 3;
const PASSWORD = "correct-horse-battery";

after(cleanup);

/** Every audit row of the workspace (the API pages it, newest first). */
async function auditTrail(api) {
  const rows = [];
  for (let page = 1; ; page++) {
    const body = await api.ok("GET", `/api/v1/team/audit?page=${page}&page_size=200`);
    rows.push(...body.items);
    if (rows.length >= body.total || body.items.length === 0) return rows;
  }
}

for (const provider of ["sqlite", "postgres"]) {
  test(`SIGKILL during ${INVITES} concurrent accepts on ${provider}: every invite is pending or wholly accepted`,
    { timeout: 600_000, skip: provider === "postgres" && !hasPostgres() && "SWITCHBOARD_TEST_PG is not set" },
    async (t) => {
      const db = await database(provider);
      // No mail is needed here; the dispatcher stays off so the accepts are the only writers.
      const settings = { Email__DispatcherEnabled: "false" };
      let node = await startNode(db, settings);
      const biz = await business(node);
      const tag = uniqueTag();
      // Lite seats: the plan does not limit them, so every accept can succeed and none is refused for seats.
      const invites = [];
      for (let i = 0; i < INVITES; i++) {
        const email = `accept-${tag}-${i}@faults.test`;
        const created = await biz.api.ok("POST", "/app/invites", { email, seat: "lite" });
        invites.push({ id: created.data.id, email });
      }

      const accept = (invite) => () => attempt(node.url, "POST", `/app/invites/${invite.id}`, {
        email: invite.email, name: `Accepting ${invite.email}`, password: PASSWORD, password_confirmation: PASSWORD,
        device: "faults",
      });
      const { outcomes, inFlightAtKill } = await killAfterSuccesses(node, invites.map(accept), KILL_AFTER);
      invites.forEach((invite, i) => (invite.outcome = outcomes[i]));
      const statuses = Object.fromEntries(tally(outcomes, (o) => o.status));
      t.diagnostic(`answers before the kill (0 = connection died): ${JSON.stringify(statuses)}; unanswered when SIGKILL was sent: ${inFlightAtKill}`);
      // Before the kill an accept of a valid invite succeeds, or at worst (a saturated machine outwaiting the
      // database's lock timeout) is refused with 503 and nothing done; never another error.
      assert.deepEqual(Object.keys(statuses).filter((s) => !["200", "503", "0"].includes(s)), []);
      assert.ok(inFlightAtKill > 0, "the kill must land while accepts are still in flight");

      node = await startNode(db, settings);
      const owner = node.api(biz.owner.token, biz.id);

      // Straight from the database, before any login adds tokens: per invited address, how many users,
      // memberships, tokens and ledger entries exist. (null when SQLite's CLI is missing: API checks only.)
      const rows = await db.sql(`
        SELECT u.email,
          (SELECT count(*) FROM memberships m WHERE m.user_id = u.id),
          (SELECT count(*) FROM api_tokens k WHERE k.user_id = u.id),
          (SELECT count(*) FROM seat_ledger l WHERE l.user_id = u.id AND l.reason = 'invite_accepted')
        FROM users u WHERE u.email LIKE 'accept-${tag}-%'`);
      const stored = rows && new Map(rows.map(([email, ...counts]) => [email, counts.map(Number)]));
      if (!stored) t.diagnostic("sqlite3 is not installed: token counts checked through the API only");

      const members = (await owner.ok("GET", "/app/members")).data;
      const audit = await auditTrail(owner);
      const subscription = (await owner.ok("GET", "/app/subscription")).data;
      let accepted = 0;
      for (const invite of invites) {
        const show = await node.api().call("GET", `/app/invites/${invite.id}`);
        assert.ok([200, 404].includes(show.status), `GET invite ${invite.email}: ${show.status}`);
        const membersOf = members.filter((m) => m.email === invite.email);
        const accepts = audit.filter((a) => a.action === "invite.accepted" && a.target_id === invite.id);
        const login = await node.api().call("POST", "/api/v1/auth/login", { email: invite.email, password: PASSWORD });
        if (show.status === 200) {
          assert.notEqual(invite.outcome.status, 200, `${invite.email} was answered 200 but its invite is still pending`);
          assert.equal(membersOf.length, 0, `${invite.email}: pending invite but a membership exists`);
          assert.equal(accepts.length, 0, `${invite.email}: pending invite but an accept was audited`);
          assert.equal(login.status, 401, `${invite.email}: pending invite but a user can sign in`);
          if (stored) assert.equal(stored.has(invite.email), false, `${invite.email}: pending invite but a user row exists`);
          continue;
        }
        accepted += 1;
        assert.equal(membersOf.length, 1, `${invite.email}: accepted, so exactly one membership`);
        const [member] = membersOf;
        assert.equal(member.seat, "lite");
        assert.equal(accepts.length, 1, `${invite.email}: exactly one invite.accepted audit row`);
        const ledger = subscription.ledger.filter((l) => l.reason === "invite_accepted" && l.user_id === member.user_id);
        assert.equal(ledger.length, 1, `${invite.email}: exactly one seat-ledger entry`);
        assert.equal(login.status, 200, `${invite.email}: the new account signs in`);
        if (stored) assert.deepEqual(stored.get(invite.email), [1, 1, 1], `${invite.email}: [memberships, tokens, ledger]`);
        if (invite.outcome.status === 200) {
          const own = node.api(invite.outcome.body.token, biz.id);
          assert.equal((await own.call("GET", "/app/members")).status, 200, `${invite.email}: the token from the answer works`);
        }
      }
      // Lite seats counted = the owner's workspace holds no lite seat besides the accepted ones.
      assert.equal(subscription.seats.lite, accepted);
      assert.equal(subscription.ledger.filter((l) => l.reason === "invite_accepted").length, accepted);
      if (stored) assert.equal(stored.size, accepted, "no user row for an invite that is still pending");
      t.diagnostic(`after restart: ${accepted} accepted, ${INVITES - accepted} still pending`);
      assert.ok(accepted >= 1);

      // Nothing half-made blocks the survivors: every invite still pending accepts now.
      for (const invite of invites.filter((i) => i.outcome.status !== 200)) {
        const show = await node.api().call("GET", `/app/invites/${invite.id}`);
        if (show.status !== 200) continue;
        const again = await accept(invite)();
        assert.equal(again.status, 200, `${invite.email}: accept after restart → ${again.status} ${JSON.stringify(again.body)}`);
      }
      const finalMembers = (await owner.ok("GET", "/app/members")).data;
      assert.equal(finalMembers.length, INVITES + 1);
      assert.equal((await owner.ok("GET", "/app/subscription")).data.seats.lite, INVITES);
      await node.stop();
    });
}

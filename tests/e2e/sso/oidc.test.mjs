// Single sign-on through a real OpenID provider (npm oidc-provider) started here, against the real service: the
// happy path, roles from the claim, and every forged or replayed answer refused with words (docs/sso-scim.md).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { business, confirmEmail } from "../switchboard/service.mjs";
import { throughProvider } from "./provider.mjs";
import { startSso } from "./fixture.mjs";

let sso;
let service;
let provider;
let biz;
let domain;

before(async () => {
  sso = await startSso();
  ({ service, provider, biz, domain } = sso);
});

after(async () => {
  await sso?.stop();
});

const callbackPrefix = () => `${service.url}/api/v1/auth/sso/callback`;

const person = (claims) => sso.person(claims);

/** Start → provider → the callback URL the provider sends the browser to (not yet opened). */
async function toCallback(query) {
  return throughProvider(`${service.url}/api/v1/auth/sso/start?${query}`, callbackPrefix());
}

async function open(url) {
  const res = await fetch(url, { redirect: "manual" });
  const text = await res.text();
  return { status: res.status, location: res.headers.get("location"), body: text ? JSON.parse(text) : null };
}

function tokenOf(location) {
  const hash = new URLSearchParams(new URL(location).hash.slice(1));
  return { token: hash.get("sso_token"), workspace: hash.get("workspace") };
}

async function memberOf(email) {
  const list = await biz.api.ok("GET", "/api/v1/team/members?page_size=100");
  const members = Array.isArray(list) ? list : list.items ?? list.members ?? list.data;
  return members.find((m) => m.email === email);
}

async function signInRefused(query, expected) {
  const answer = await open(await toCallback(query));
  assert.equal(answer.status, expected.status, JSON.stringify(answer.body));
  assert.match(answer.body.detail, expected.words);
  return answer;
}

test("a first sign-in creates the account and the membership with the mapped role; a later one follows the claim", async () => {
  const who = person({ groups: ["support-admins"] });
  const first = await open(await toCallback(`email=${encodeURIComponent(who.email)}`));
  assert.equal(first.status, 302, JSON.stringify(first.body));
  assert.ok(first.location.startsWith(`${service.url}/conversations#`), first.location);
  const { token, workspace } = tokenOf(first.location);
  assert.equal(workspace, biz.id);
  // The same opaque token a password login gives: it works on the API.
  const me = await service.api(token).ok("GET", "/api/v1/auth/me");
  assert.equal(me.email, who.email);
  assert.equal((await memberOf(who.email)).role, "admin");

  // Present but empty: the mapping applies, which gives the default role.
  provider.person(who.sub, { email: who.email, email_verified: true, name: "Sam Single", groups: [] });
  const second = await open(await toCallback(`workspace=${biz.id}`));
  assert.equal(second.status, 302, JSON.stringify(second.body));
  assert.equal((await memberOf(who.email)).role, "agent");

  // Mapped again, then absent: an absent claim changes nothing.
  provider.person(who.sub, { email: who.email, email_verified: true, name: "Sam Single", groups: ["support-admins"] });
  assert.equal((await open(await toCallback(`workspace=${biz.id}`))).status, 302);
  assert.equal((await memberOf(who.email)).role, "admin");
  provider.person(who.sub, { email: who.email, email_verified: true, name: "Sam Single" });
  assert.equal((await open(await toCallback(`workspace=${biz.id}`))).status, 302);
  assert.equal((await memberOf(who.email)).role, "admin");
});

test("the provider confirms an address only in a verified domain, and never takes over someone else's account", async () => {
  const sub = randomUUID();
  const elsewhere = `${sub.slice(0, 8)}@unverified-${sub.slice(0, 8)}.example`;
  provider.person(sub, { email: elsewhere, email_verified: true, name: "Una Verified" });
  provider.loginAs(sub);
  const signedIn = await open(await toCallback(`workspace=${biz.id}`));
  assert.equal(signedIn.status, 302, JSON.stringify(signedIn.body));
  assert.equal((await service.api(tokenOf(signedIn.location).token).ok("GET", "/api/v1/auth/me")).email_verified, false);

  const inDomain = person();
  const confirmed = await open(await toCallback(`email=${encodeURIComponent(inDomain.email)}`));
  assert.equal((await service.api(tokenOf(confirmed.location).token).ok("GET", "/api/v1/auth/me")).email_verified, true);

  // An account someone registered at another domain: a provider asserting that address does not get into it.
  const victim = await service.api().ok("POST", "/api/v1/auth/register", { email: `vic-${sub.slice(0, 8)}@example.com`, full_name: "Vic", password: "correct-horse" });
  const attacker = randomUUID();
  provider.person(attacker, { email: victim.user.email, email_verified: true, name: "Mallory" });
  provider.loginAs(attacker);
  await signInRefused(`workspace=${biz.id}`, { status: 409, words: /already exists/ });
});

test("an ID token for another audience is refused with words", async () => {
  person();
  provider.forge(async (real) => provider.sign({ ...provider.decode(real), aud: "someone-else" }));
  try {
    await signInRefused(`workspace=${biz.id}`, { status: 401, words: /issued for another application/ });
  } finally {
    provider.forge(null);
  }
});

test("an ID token from another issuer is refused with words", async () => {
  person();
  provider.forge(async (real) => provider.sign({ ...provider.decode(real), iss: "https://evil.example" }));
  try {
    await signInRefused(`workspace=${biz.id}`, { status: 401, words: /issued by someone else/ });
  } finally {
    provider.forge(null);
  }
});

test("an expired ID token is refused with words", async () => {
  person();
  const now = Math.floor(Date.now() / 1000);
  provider.forge(async (real) => provider.sign({ ...provider.decode(real), iat: now - 7200, exp: now - 3600 }));
  try {
    await signInRefused(`workspace=${biz.id}`, { status: 401, words: /expired/ });
  } finally {
    provider.forge(null);
  }
});

test("an unsigned ID token (alg: none) is refused with words", async () => {
  person();
  provider.forge(async (real) => provider.unsigned(provider.decode(real)));
  try {
    await signInRefused(`workspace=${biz.id}`, { status: 401, words: /not signed \(alg: none\)/ });
  } finally {
    provider.forge(null);
  }
});

test("an ID token signed with another key (same key id) is refused with words", async () => {
  person();
  const key = await provider.otherKey();
  provider.forge(async (real) => provider.sign(provider.decode(real), { key }));
  try {
    await signInRefused(`workspace=${biz.id}`, { status: 401, words: /signature does not verify/ });
  } finally {
    provider.forge(null);
  }
});

test("a state used once is refused the second time, and a code redeemed once is refused with a fresh state", async () => {
  const who = person();
  const callback = await toCallback(`workspace=${biz.id}`);
  assert.equal((await open(callback)).status, 302);

  const again = await open(callback);
  assert.equal(again.status, 410, JSON.stringify(again.body));
  assert.match(again.body.detail, /already been used/);

  // A new sign-in's state with the old code: the provider refuses the code, and the service says so.
  const fresh = new URL(await toCallback(`workspace=${biz.id}`));
  const old = new URL(callback);
  fresh.searchParams.set("code", old.searchParams.get("code"));
  const replayed = await open(fresh.toString());
  assert.equal(replayed.status, 401, JSON.stringify(replayed.body));
  assert.match(replayed.body.detail, /did not accept the sign-in code/);
  assert.ok(await memberOf(who.email));
});

test("a full plan is a clear refusal and leaves no account behind", async () => {
  const small = await business(service, "free");
  await small.api.ok("PUT", "/api/v1/team/sso", {
    issuer: provider.issuer,
    client_id: provider.client.client_id,
    client_secret: provider.client.client_secret,
  });
  const who = person();
  const answer = await signInRefused(`workspace=${small.id}`, { status: 402, words: /no free seat/ });
  assert.match(answer.body.detail, /nothing was created/);
  // No half account: the address is still free to register.
  const registered = await service.api().call("POST", "/api/v1/auth/register", { email: who.email, full_name: "Sam", password: "correct-horse" });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
});

test("with enforce, a member of the verified domain cannot use a password; the owner still can", async () => {
  const email = `pat-${randomUUID().slice(0, 8)}@${domain}`;
  const registered = await service.api().ok("POST", "/api/v1/auth/register", { email, full_name: "Pat Password", password: "correct-horse" });
  await confirmEmail(service, { token: registered.access_token, email });
  await biz.api.ok("POST", `/api/v1/team/invite?email=${encodeURIComponent(email)}&role=agent`);
  await biz.api.ok("PUT", "/api/v1/team/sso", { issuer: provider.issuer, client_id: provider.client.client_id, enforce: true });
  try {
    const refused = await service.api().call("POST", "/api/v1/auth/login", { email, password: "correct-horse" });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.match(refused.body.detail, /single sign-on/);
    const owner = await service.api().call("POST", "/api/v1/auth/login", { email: biz.owner.email, password: "correct-horse" });
    assert.equal(owner.status, 200);
  } finally {
    await biz.api.ok("PUT", "/api/v1/team/sso", { issuer: provider.issuer, client_id: provider.client.client_id, enforce: false });
  }
});

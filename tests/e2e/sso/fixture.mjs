// The service, a real OpenID provider and a DNS server, wired as an owner would: a workspace whose provider is set
// (PUT /api/v1/team/sso) and whose domain is verified through its TXT record.
import { randomUUID } from "node:crypto";
import { startService, freePort, business } from "../switchboard/service.mjs";
import { startProvider } from "./provider.mjs";
import { publishTxt } from "./dns.mjs";

export async function startSso() {
  const domain = `acme-${randomUUID().slice(0, 8)}.example`;
  const dnsPort = await freePort();
  // "localhost": the service then builds its redirect URI (PublicBaseUrl) on the address the tests reach it at.
  const service = await startService({ Sso__AllowLoopbackIssuers: "true", Sso__DnsServer: `127.0.0.1:${dnsPort}` }, { host: "localhost" });
  const provider = await startProvider({ redirectUri: `${service.url}/api/v1/auth/sso/callback` });
  const biz = await business(service, "pro");
  const settings = await biz.api.ok("PUT", "/api/v1/team/sso", {
    issuer: provider.issuer,
    client_id: provider.client.client_id,
    client_secret: provider.client.client_secret,
    domains: [domain],
    default_role: "agent",
    default_seat: "full",
    role_claim: "groups",
    role_map: [{ value: "support-admins", role: "admin", seat: "full" }],
  });
  const claimed = settings.domains.find((d) => d.domain === domain);
  const dns = await publishTxt(dnsPort, [[claimed.txt_name, claimed.txt_value]]);
  await biz.api.ok("POST", `/api/v1/team/sso/domains/${domain}/verify`);
  return {
    service, provider, biz, domain,
    /** A new person at the provider, signed in there next: { sub, email }. */
    person(claims = {}) {
      const sub = randomUUID();
      const email = `${sub.slice(0, 8)}@${domain}`;
      provider.person(sub, { email, email_verified: true, name: "Sam Single", ...claims });
      provider.loginAs(sub);
      return { sub, email };
    },
    async stop() {
      await dns.stop();
      await provider.stop();
      await service.stop();
    },
  };
}

// A real OpenID provider for the single sign-on tests: npm oidc-provider on a loopback port (plain http, which the
// service accepts only with Sso:AllowLoopbackIssuers), logging in whoever the test names, and able to swap the ID
// token its token endpoint answers for one forged with jose (another audience, issuer, key, an expired or unsigned one).
import http from "node:http";
import Provider from "oidc-provider";
import * as jose from "jose";
import { freePort } from "../switchboard/service.mjs";

export async function startProvider({ redirectUri }) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await jose.exportJWK(privateKey)), kid: "signing-key", alg: "RS256", use: "sig" };
  const accounts = new Map();
  const client = { client_id: "switchboard", client_secret: "a-client-secret-of-enough-length", redirect_uris: [redirectUri] };
  let loginAs = null;
  let forge = null;

  const provider = new Provider(issuer, {
    clients: [{ ...client, grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [jwk] },
    // Groups ride in the profile scope here so the service's "openid email profile" request carries them.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // The ID token from the token endpoint carries the scopes' claims (the default keeps them for the userinfo endpoint).
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => accounts.has(sub) ? { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) } : undefined,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Consent is granted at once: the tests are about the service, not the provider's consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    cookies: { keys: ["provider-cookie-key"] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  // The token endpoint's answer, swapped when a test asks for a forged ID token.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === "/token" && ctx.status === 200 && forge && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: await forge(ctx.body.id_token) };
    }
  });

  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    if (req.url.startsWith("/interaction/")) {
      // The login form a person would fill: the test has said who signs in.
      try {
        await provider.interactionDetails(req, res);
        await provider.interactionFinished(req, res, { login: { accountId: loginAs } }, { mergeWithLastSubmission: false });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    callback(req, res);
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));

  /** Signs a forged token with the provider's own key (or `key`), header as given. */
  async function sign(claims, { key = privateKey, kid = "signing-key" } = {}) {
    return new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(key);
  }

  return {
    issuer,
    client,
    /** Adds or changes a person the provider knows: { email, email_verified, name, groups? }. */
    person(sub, claims) {
      accounts.set(sub, claims);
    },
    loginAs(sub) {
      loginAs = sub;
    },
    /** `change(realToken)` returns the ID token the token endpoint answers instead; null stops forging. */
    forge(change) {
      forge = change;
    },
    sign,
    async otherKey() {
      return (await jose.generateKeyPair("RS256")).privateKey;
    },
    decode: (token) => jose.decodeJwt(token),
    unsigned: (claims) => new jose.UnsecuredJWT(claims).encode(),
    stop: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

/**
 * What a browser does from the service's start link up to the provider sending it back: follows redirects, keeps
 * each origin's cookies, and stops at the service's callback (returned, not followed, so a test can send it twice).
 */
export async function throughProvider(startUrl, callbackPrefix) {
  const jar = new Map();
  let url = startUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(callbackPrefix)) return url;
    const origin = new URL(url).origin;
    const cookies = jar.get(origin) ?? new Map();
    const res = await fetch(url, {
      redirect: "manual",
      headers: cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {},
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    jar.set(origin, cookies);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`${url} answered ${res.status} without going on: ${(await res.text()).slice(0, 500)}`);
    }
    url = new URL(location, url).toString();
  }
  throw new Error("too many redirects");
}

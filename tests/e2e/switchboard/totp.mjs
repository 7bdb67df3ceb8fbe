// RFC 6238 codes as an authenticator app computes them (SHA-1, 30 s, 6 digits), from the base32 key the service
// shows at setup: the browser tests type what a person would read off their phone.
import { createHmac } from "node:crypto";

function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  return Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
}

/** The code for the 30-second step `offset` steps from now. */
export function totp(secret, offset = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** Sets up an authenticator for `user` through the API (what the Account page does); returns its key. */
export async function enrolAuthenticator(service, user, password = "correct-horse") {
  const api = service.api(user.token);
  const { secret } = await api.ok("POST", "/api/v1/auth/2fa/totp", { password });
  await api.ok("POST", "/api/v1/auth/2fa/totp/confirm", { code: totp(secret) });
  return secret;
}

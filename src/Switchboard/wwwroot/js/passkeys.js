// The browser's side of passkeys: the server's options (WebAuthn JSON) go to navigator.credentials through the
// browser's own JSON parsers, and the credential comes back as its toJSON() — no hand-made encoding here.
import { api } from "./api.js";

export const supported = () =>
  typeof PublicKeyCredential !== "undefined" &&
  typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
  typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

export const UNSUPPORTED = "This browser cannot use passkeys. Use a current Chrome, Edge, Firefox or Safari.";

/** Adds a passkey to the signed-in account; returns {id, name, created_at}. */
export async function addPasskey(name) {
  const options = await api("POST", "/api/v1/auth/passkeys/options");
  const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
  return api("POST", "/api/v1/auth/passkeys", { credential: credential.toJSON(), ...(name ? { name } : {}) });
}

/** Signs in with a passkey (any of this site's, or those of `email`); returns {access_token, token_type}. */
export async function signInWithPasskey(email) {
  const options = await api("POST", "/api/v1/auth/passkeys/login/options", email ? { email } : {}, { auth: false });
  const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
  return api("POST", "/api/v1/auth/passkeys/login", { credential: credential.toJSON() }, { auth: false });
}

/** The words for a browser-side failure (the person cancelled, or the authenticator refused); null for an API error. */
export function browserRefusal(error) {
  if (error?.name === "NotAllowedError") return "The passkey request was cancelled or timed out. Try again.";
  if (error?.name === "InvalidStateError") return "This device already has a passkey for your account.";
  if (error?.name === "SecurityError") return "Passkeys are not available on this address of Switchboard. Ask your administrator to check Passkeys:ServerDomain.";
  return null;
}

// /account: the signed-in person's own account — name, password, where they are signed in, the authenticator app and passkeys.
// Each card is its own module in account/.
import { h } from "../dom.js";
import { nameSection } from "../account/name-section.js";
import { passwordSection } from "../account/password-section.js";
import { sessionsSection } from "../account/sessions-section.js";
import { twoFactorSection } from "../account/two-factor-section.js";
import { passkeysSection } from "./account-passkeys.js";

export async function accountPage(main, app) {
  const me = app.ctx.me;
  const who = h("p", { class: "muted", id: "account-who" }, `${me.full_name} · ${me.email}`);
  main.append(
    h("h1", {}, "Your account"),
    who,
    h("p", {}, h("a", { href: "/account/danger", id: "account-danger-link" }, "Change your email address, export your data or delete your account")),
    nameSection(me, who),
    passwordSection(),
    await sessionsSection(),
    twoFactorSection(app),
    await passkeysSection());
}

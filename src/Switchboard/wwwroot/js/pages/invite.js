// /invite/{id}: the link from an invitation mail. Shows the workspace (name and logo), then either a
// one-click join for the signed-in user the invite was sent to, or a form to create the account with
// Pipeback's rules shown as you type. An expired or revoked link says so plainly.
import { h, fill } from "../dom.js";
import { api, unwrap } from "../api.js";
import { session } from "../session.js";
import { form, textField, errorLine } from "../forms.js";
import { explain } from "../refusal.js";

const MAX = 255;
const MIN_PASSWORD = 8;

export async function invitePage(main, app, rawId) {
  const id = decodeURIComponent(rawId);
  const here = `/invite/${encodeURIComponent(id)}`;
  let invite;
  try {
    invite = unwrap(await api("GET", `/app/invites/${encodeURIComponent(id)}`, undefined, { auth: false }));
  } catch (error) {
    if (error.status !== 404 && error.status !== 410) throw error;
    main.append(h("div", { class: "narrow card", id: "invite-gone" },
      h("h1", {}, "This invitation link no longer works"),
      h("p", {}, goneReason(error)),
      h("p", {}, h("a", { href: "/login" }, "Sign in"), " or ", h("a", { href: "/signup" }, "create an account"), ".")));
    return;
  }
  const workspace = invite.workspace;
  const card = h("div", { class: "narrow card invite" },
    h("div", { class: "invite-workspace" }, logo(workspace), h("p", { class: "muted" }, "You're invited to join")),
    h("h1", {}, workspace.name),
    h("p", {}, "The invitation was sent to ", h("strong", {}, invite.email), ` for a ${invite.seat} seat.`));
  main.append(card);

  const me = app.ctx?.me;
  if (me && session.token) {
    if (me.email.toLowerCase() === invite.email.toLowerCase()) card.append(joinWithOneClick(app, invite, me));
    else card.append(signedInAsSomeoneElse(app, invite, me, here));
    return;
  }
  card.append(acceptForm(app, invite, id), h("p", {}, `Already have an account with ${invite.email}? `,
    h("a", { href: `/login?next=${encodeURIComponent(here)}` }, "Sign in to join with one click"), "."));
}

/**
 * Why a link is gone, as precisely as the API's code tells: a used link says so (signing in is then the way in),
 * an expired one too; otherwise (revoked, or never existed, which the API codes alike) both are named.
 */
function goneReason(error) {
  if (error.code === "invite_used") return "It has already been used to join. If that was you, sign in to open the workspace.";
  if (error.code === "invite_expired") return "It has expired. Ask the person who invited you to send it again.";
  return "It has expired or was revoked. Ask the person who invited you to send a new invitation.";
}

/** The workspace's logo when it has one, else its initials (also when the image fails to load). */
function logo(workspace) {
  const initials = h("span", { class: "logo logo-initials", "aria-hidden": "true" },
    workspace.name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join(""));
  if (!workspace.logo || !/^https?:\/\//i.test(workspace.logo) && !workspace.logo.startsWith("/")) return initials;
  const img = h("img", { class: "logo", src: workspace.logo, alt: `${workspace.name} logo`, width: 56, height: 56 });
  img.addEventListener("error", () => img.replaceWith(initials));
  return img;
}

function joinWithOneClick(app, invite, me) {
  const error = errorLine("join-error");
  const button = h("button", { type: "button", class: "primary", id: "join", "aria-describedby": "join-error" }, `Join ${invite.workspace.name}`);
  button.addEventListener("click", async () => {
    fill(error);
    try {
      const joined = unwrap(await api("POST", `/app/invites/${encodeURIComponent(invite.id)}/join`));
      await app.switchWorkspace(joined.workspace_id);
    } catch (e) {
      fill(error, explain(e, { action: "join this workspace" }).text);
    }
  });
  return h("div", { class: "join" }, h("p", {}, `You're signed in as ${me.full_name} (${me.email}).`), button, error);
}

function signedInAsSomeoneElse(app, invite, me, here) {
  return h("div", { class: "join" },
    h("p", { class: "notice" }, `You're signed in as ${me.email}, but this invitation is for ${invite.email}. Sign out, then open this link again to accept it.`),
    h("button", { type: "button", onClick: async () => {
      await app.signOut();
      app.navigate(here, { replace: true });
    } }, "Sign out"));
}

/** One rule of the seed, ticked while you type. */
function rule(text) {
  const state = h("span", { class: "visually-hidden" });
  const li = h("li", { class: "rule" }, h("span", { class: "rule-mark", "aria-hidden": "true" }), text, state);
  return {
    li,
    set(met) {
      li.classList.toggle("met", met);
      fill(state, met ? " (done)" : " (not yet)");
    },
  };
}

function acceptForm(app, invite, id) {
  const nameRules = { required: rule("Required"), max: rule(`At most ${MAX} characters`) };
  const passwordRules = { min: rule(`At least ${MIN_PASSWORD} characters`), max: rule(`At most ${MAX} characters`) };
  const confirmRules = { same: rule("Matches the password") };
  const list = (rules) => h("ul", { class: "rules" }, Object.values(rules).map((r) => r.li));

  const email = textField({ label: "Email", name: "email", type: "email", value: invite.email, readonly: true, autocomplete: "username",
    hint: "The address the invitation was sent to." });
  const name = textField({ label: "Full name", name: "name", autocomplete: "name", required: true, maxlength: MAX, hint: list(nameRules) });
  const password = textField({ label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true,
    hint: list(passwordRules) });
  const confirmation = textField({ label: "Confirm password", name: "password_confirmation", type: "password",
    autocomplete: "new-password", required: true, hint: list(confirmRules) });

  const check = () => {
    const n = name.input.value.trim();
    const p = password.input.value;
    nameRules.required.set(n.length > 0);
    nameRules.max.set(n.length <= MAX);
    passwordRules.min.set(p.length >= MIN_PASSWORD);
    passwordRules.max.set(p.length <= MAX);
    confirmRules.same.set(p.length > 0 && p === confirmation.input.value);
  };
  for (const f of [name, password, confirmation]) f.input.addEventListener("input", check);
  check();

  const accept = form({
    label: "Create your account",
    fields: [email, name, password, confirmation],
    submitLabel: `Create account and join`,
    async onSubmit(values, f) {
      // The same rules the server applies, checked first so nobody waits for a round trip to learn them.
      const local = [];
      if (!values.name.trim()) local.push([name, "Enter your name."]);
      if (values.password.length < MIN_PASSWORD) local.push([password, `Use at least ${MIN_PASSWORD} characters.`]);
      else if (values.password.length > MAX) local.push([password, `Use at most ${MAX} characters.`]);
      if (values.password !== values.password_confirmation) local.push([confirmation, "The confirmation does not match the password."]);
      if (local.length) {
        for (const [field, message] of local) field.setError(message);
        local[0][0].input.focus();
        return;
      }
      try {
        const body = await api("POST", `/app/invites/${encodeURIComponent(id)}`,
          { ...values, name: values.name.trim(), device: "web" }, { auth: false });
        await app.signIn(body.token, "/team", invite.workspace_id);
      } catch (error) {
        // Laravel files a confirmation mismatch under "password"; it belongs beside the confirmation.
        if (error.fields?.password && error.fieldCodes?.password === "confirmation_mismatch") {
          error.fields.password_confirmation = error.fields.password;
          delete error.fields.password;
        }
        f.showError(error, { action: "accept this invitation" });
        if (error.fields?.email && error.fieldCodes?.email === "account_exists") {
          // The address has an account: its owner signs in and joins; nobody sets its password from here.
          email.setError(`${error.fields.email}`);
          f.formError.append(
            h("a", { href: `/login?next=${encodeURIComponent(`/invite/${id}`)}`, id: "sign-in-to-join" }, "Sign in to join"), " · ",
            h("a", { href: `/forgot-password?email=${encodeURIComponent(invite.email)}` }, "Forgot the password?"));
        }
      }
    },
  });
  return accept.el;
}

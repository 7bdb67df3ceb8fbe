// /invite/{id}: the link from an invitation mail. Shows the workspace (name and logo), then either a
// one-click join for the signed-in user the invite was sent to, or a form to create the account with
// Pipeback's rules shown as you type. An expired or revoked link says so plainly.
import { h } from "../dom.js";
import { api, unwrap } from "../api.js";
import { session } from "../session.js";
import { acceptForm } from "../invitation/accept-form.js";
import { joinWithOneClick, signedInAsSomeoneElse } from "../invitation/signed-in-join.js";

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

// /join#<secret>: an invite link not tied to an address. The secret rides in the fragment, which the browser
// never sends to a server; it is moved to this tab's sessionStorage at once (and out of the address bar), so
// it survives signing in or creating an account first, then posted to /app/invite-links/join.
import { h, fill } from "../dom.js";
import { api, unwrap } from "../api.js";
import { session } from "../session.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";

const KEY = "switchboard.join-link";

export async function joinPage(main, app) {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ""));
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    history.replaceState(history.state, "", "/join");
  }
  const token = sessionStorage.getItem(KEY);
  const card = h("div", { class: "narrow card invite", id: "join-link" }, h("h1", {}, "Join a workspace"));
  main.append(card);
  if (!token) {
    card.append(h("p", {}, "This page needs the invite link you were given. Open the link again, or ask for a new one."));
    return;
  }
  // Which workspace the link leads to (and whether it still works), before anyone signs in.
  let preview = null;
  try {
    preview = unwrap(await api("POST", "/app/invite-links/preview", { token }, { auth: false }));
  } catch (e) {
    if (e.status === 404) {
      sessionStorage.removeItem(KEY);
      card.append(h("p", { class: "error", id: "join-link-gone" },
        "This invite link no longer works: it has expired, was revoked or has been used up. Ask for a new one."));
      return;
    }
    // Unreachable or refused for another reason: the page still offers to join, which will say why if it fails.
  }
  const where = preview?.workspace?.name;
  if (where) {
    fill(card.querySelector("h1"), `Join ${where}`);
    card.append(h("p", { id: "join-link-what" },
      `You're invited to ${where} as ${preview.role === "admin" ? "an admin" : "an agent"} with a ${preview.seat} seat.`));
  }
  const me = app.ctx?.me;
  if (!me || !session.token) {
    card.append(h("p", {}, `You were given a link to join ${where ?? "a workspace"} on Switchboard. Sign in, or create an account, to join.`),
      h("p", {}, h("a", { href: "/login?next=%2Fjoin" }, "Sign in"), " or ", h("a", { href: "/signup?next=%2Fjoin" }, "create an account"), "."));
    return;
  }
  const error = errorLine("join-link-error");
  const button = h("button", { type: "button", class: "primary", id: "join-link-button", "aria-describedby": "join-link-error" }, "Join the workspace");
  button.addEventListener("click", async () => {
    fill(error);
    button.disabled = true;
    try {
      const joined = unwrap(await api("POST", "/app/invite-links/join", { token }));
      sessionStorage.removeItem(KEY);
      await app.switchWorkspace(joined.workspace_id);
    } catch (e) {
      button.disabled = false;
      fill(error, e.status === 404
        ? "This invite link no longer works: it has expired, was revoked or has been used up. Ask for a new one."
        : explain(e, { action: "join this workspace" }).text);
    }
  });
  card.append(h("p", {}, `You're signed in as ${me.full_name} (${me.email}).`), button, error);
}

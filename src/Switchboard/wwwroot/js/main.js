// The dashboard's entry: wires the app (app/: routes, context, rendering, global notices) to the browser —
// links, history, sessions ended or changed elsewhere — takes a single sign-on's token, and draws the first page.
import { session, onSessionChangedElsewhere } from "./session.js";
import { onUnauthorized } from "./api.js";
import { onRealtime } from "./realtime.js";
import { watchOffers } from "./offers/offer-toast.js";
import { toast } from "./toast.js";
import { followWorkspaceDeletion } from "./team/workspace-deleted.js";
import { onEmailConfirmedElsewhere } from "./verify-banner.js";
import { takeTestMark, showTestResult } from "./sso/test-sign-in.js";
import { app } from "./app/app.js";
import { currentContext, dropContext, forgetSession } from "./app/context.js";
import { isPagePath } from "./app/routes.js";
import { followNotices } from "./app/notices.js";

// Same-origin page links navigate without reloading, so the socket and its live updates carry on.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !isPagePath(url.pathname)) return;
  if (url.pathname === location.pathname && url.hash) return; // in-page anchors (the skip link)
  event.preventDefault();
  app.navigate(url.pathname + url.search);
});
window.addEventListener("popstate", () => app.render());

onUnauthorized(() => {
  forgetSession();
  toast("Your session has ended. Please sign in again.", { kind: "warning" });
  if (!/^\/(login|signup|invite\/)/.test(location.pathname)) {
    app.navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }
});
onSessionChangedElsewhere(() => {
  dropContext();
  app.render();
});
onEmailConfirmedElsewhere(() => {
  const ctx = currentContext();
  if (ctx?.me) ctx.me.email_verified = true;
  document.getElementById("verify-banner")?.remove();
});
onRealtime("unauthenticated", () => {
  forgetSession();
  app.navigate("/login", { replace: true });
});

followWorkspaceDeletion(app);
watchOffers();
followNotices(app);

// A single sign-on lands here with its token in the fragment (never sent to a server): kept as a password login's
// token is, then taken out of the address bar before anything else reads it. A tab that started a test sign-in
// (Settings → Single sign-on) keeps nothing: it shows who came back and signs that token out.
const landed = new URLSearchParams(location.hash.slice(1));
let tested = false;
if (landed.get("sso_token")) {
  history.replaceState(history.state, "", location.pathname + location.search);
  tested = takeTestMark();
  if (tested) {
    showTestResult(document.getElementById("main"), landed.get("sso_token"), landed.get("workspace"));
  } else {
    forgetSession();
    session.signIn(landed.get("sso_token"));
    if (landed.get("workspace")) session.workspaceId = landed.get("workspace");
  }
}

if (!tested) app.render();

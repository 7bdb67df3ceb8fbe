// The dashboard's entry: which page a path shows, who is signed in (the "context"), and the
// notices that can arrive on any page (an assignment to me, my removal or new role).
import { session, onSessionChangedElsewhere } from "./session.js";
import { api, onUnauthorized } from "./api.js";
import { connectRealtime, disconnectRealtime, onRealtime } from "./realtime.js";
import { watchOffers } from "./offers/offer-toast.js";
import { renderShell } from "./shell.js";
import { toast, gatheringToast } from "./toast.js";
import { h, roleWithArticle } from "./dom.js";
import { signInPage } from "./pages/sign-in.js";
import { signUpPage } from "./pages/sign-up.js";
import { newWorkspacePage } from "./pages/new-workspace.js";
import { teamPage } from "./pages/team.js";
import { conversationsPage } from "./pages/conversations.js";
import { invitePage } from "./pages/invite.js";
import { verifyEmailPage } from "./pages/verify-email.js";
import { joinPage } from "./pages/join.js";
import { supervisorPage } from "./pages/supervisor.js";
import { auditPage } from "./pages/audit.js";
import { teamsPage } from "./pages/teams.js";
import { teamDetailPage } from "./pages/team-detail.js";
import { suspendedPage } from "./pages/suspended.js";
import { followWorkspaceDeletion } from "./team/workspace-deleted.js";
import { verifyBanner, onEmailConfirmedElsewhere } from "./verify-banner.js";
import { testSignInPage, takeTestMark, showTestResult } from "./sso/test-sign-in.js";

/**
 * A page whose module loads when it is first opened: the account pages stay out of the team page's first paint
 * (every module imported here is fetched before any page shows).
 */
const lazy = (load, name) => async (...args) => (await load())[name](...args);
const forgotPasswordPage = lazy(() => import("./pages/forgot-password.js"), "forgotPasswordPage");
const resetPasswordPage = lazy(() => import("./pages/reset-password.js"), "resetPasswordPage");
const accountDangerPage = lazy(() => import("./pages/account-danger.js"), "accountDangerPage");
const confirmEmailChangePage = lazy(() => import("./pages/account-danger.js"), "confirmEmailChangePage");
const accountPage = lazy(() => import("./pages/account.js"), "accountPage");
const ssoPage = lazy(() => import("./sso/sso-page.js"), "ssoPage");

const routes = [
  { pattern: /^\/(index\.html)?$/, page: homePage, title: "Switchboard" },
  { pattern: /^\/login$/, page: signInPage, title: "Sign in" },
  { pattern: /^\/signup$/, page: signUpPage, title: "Create your account" },
  { pattern: /^\/workspaces\/new$/, page: newWorkspacePage, auth: true, title: "Create a workspace" },
  { pattern: /^\/suspended$/, page: suspendedPage, auth: true, title: "Access suspended" },
  { pattern: /^\/(?:team|settings\/team)$/, page: teamPage, auth: true, workspace: true, title: "Team" },
  { pattern: /^\/conversations$/, page: conversationsPage, auth: true, workspace: true, title: "Conversations" },
  { pattern: /^\/supervisor$/, page: supervisorPage, auth: true, workspace: true, managers: true, title: "Supervisor" },
  { pattern: /^\/audit$/, page: auditPage, auth: true, workspace: true, managers: true, title: "Audit log" },
  { pattern: /^\/teams$/, page: teamsPage, auth: true, workspace: true, managers: true, title: "Teams" },
  { pattern: /^\/teams\/([^/]+)$/, page: teamDetailPage, auth: true, workspace: true, managers: true, title: "Routing team" },
  { pattern: /^\/settings\/sso$/, page: ssoPage, auth: true, workspace: true, owners: true, title: "Single sign-on" },
  { pattern: /^\/settings\/sso\/test$/, page: testSignInPage, title: "Test sign-in" },
  { pattern: /^\/invite\/([^/]+)$/, page: invitePage, title: "Join a workspace" },
  { pattern: /^\/verify-email$/, page: verifyEmailPage, title: "Confirm your email address" },
  { pattern: /^\/forgot-password$/, page: forgotPasswordPage, title: "Reset your password" },
  { pattern: /^\/reset-password$/, page: resetPasswordPage, title: "Choose a new password" },
  { pattern: /^\/join$/, page: joinPage, title: "Join a workspace" },
  { pattern: /^\/account\/danger$/, page: accountDangerPage, auth: true, title: "Account: address, data and deletion" },
  { pattern: /^\/confirm-email-change$/, page: confirmEmailChangePage, title: "Confirm your new address" },
  { pattern: /^\/account$/, page: accountPage, auth: true, title: "Account" },
];

/** { me, workspace, role, seat } once signed in; null otherwise. */
let ctx = null;
let socketKey = null;
let cleanup = null;
let renderCount = 0;

async function loadContext() {
  if (!session.token) {
    ctx = null;
    return null;
  }
  const me = await api("GET", "/api/v1/auth/me");
  const workspace = me.businesses.find((b) => b.id === session.workspaceId)
    ?? me.businesses.find((b) => b.role === "owner")
    ?? me.businesses[0]
    ?? null;
  session.workspaceId = workspace?.id ?? null;
  ctx = { me, workspace, role: workspace?.role ?? null, seat: workspace?.seat ?? null };
  const key = workspace ? `${session.token}/${workspace.id}` : null;
  if (key !== socketKey) {
    socketKey = key;
    if (key) connectRealtime(session.token, workspace.id);
    else disconnectRealtime();
  }
  return ctx;
}

function forgetSession() {
  session.forget();
  ctx = null;
  socketKey = null;
  disconnectRealtime();
}

export const app = {
  get ctx() {
    return ctx;
  },
  navigate(path, { replace = false } = {}) {
    history[replace ? "replaceState" : "pushState"]({}, "", path);
    return render();
  },
  /** Reads who I am and where again (after joining, a new role, a removal), then redraws the page. */
  async reload() {
    await loadContext();
    return render();
  },
  async switchWorkspace(id) {
    session.workspaceId = id;
    await loadContext();
    return app.navigate("/team");
  },
  async signIn(token, next = "/", workspaceId = null) {
    forgetSession();
    session.signIn(token);
    if (workspaceId) session.workspaceId = workspaceId;
    await loadContext();
    return app.navigate(next, { replace: true });
  },
  async signOut() {
    try {
      await api("POST", "/api/v1/auth/logout");
    } catch {
      // Already revoked or unreachable: forgetting it here is what matters to this browser.
    }
    forgetSession();
    return app.navigate("/login");
  },
};

async function render() {
  const mine = ++renderCount;
  cleanup?.();
  cleanup = null;
  const path = location.pathname;
  const route = routes.find((r) => r.pattern.test(path)) ?? routes[0];
  const params = path.match(route.pattern)?.slice(1) ?? [];
  const main = document.getElementById("main");

  if (route.auth && !session.token) {
    return app.navigate(`/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  }
  if (session.token && !ctx) {
    try {
      await loadContext();
    } catch (error) {
      if (error.status === 401) return; // onUnauthorized took us to the sign-in page
      main.replaceChildren(h("h1", { tabindex: -1 }, "Switchboard is unavailable"), h("p", { class: "error" }, error.message));
      return;
    }
  }
  if (mine !== renderCount) return;
  if (route.workspace && !ctx?.workspace) return app.navigate(noWorkspacePath(), { replace: true });

  renderShell(app, ctx, path);
  document.title = `${route.title} · Switchboard`;
  main.replaceChildren();
  let pageCleanup = null;
  try {
    // A page the role may not see says so in words (and asks the server nothing it would refuse).
    const refused = (route.managers && ctx.role !== "owner" && ctx.role !== "admin") || (route.owners && ctx.role !== "owner");
    pageCleanup = (await (refused
      ? notForYourRole(main, app, route.owners ? "the owner" : "owners and admins")
      : route.page(main, app, ...params))) ?? null;
  } catch (error) {
    main.replaceChildren(h("h1", { tabindex: -1 }, "Something went wrong"), h("p", { class: "error", role: "alert" }, error.message));
  }
  // A newer render started while this page loaded: it owns the screen now.
  if (mine !== renderCount) {
    pageCleanup?.();
    return;
  }
  cleanup = pageCleanup;
  const banner = route.page === verifyEmailPage ? null : verifyBanner(ctx);
  if (banner) main.prepend(banner);
  // After a client-side navigation, put focus on the new page's heading so screen readers announce it
  // and Tab continues from the page, not from the link that was clicked.
  if (mine > 1) {
    const heading = main.querySelector("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }
  document.documentElement.dataset.page = route.title;
}

function notForYourRole(main, app, whom) {
  const what = document.title.split(" · ")[0];
  main.append(h("section", { class: "card narrow", id: "not-for-role" },
    h("h1", {}, `${what}: for ${whom}`),
    h("p", {}, `In ${app.ctx.workspace.name} you are ${roleWithArticle(app.ctx.role)}, so this page is not open to you. `
      + "Ask the workspace owner if you need it."),
    h("p", {}, h("a", { href: "/team" }, "Back to the team"))));
}

/** Without a usable workspace: the suspension page when one suspended me, else creating a workspace. */
const noWorkspacePath = () => (ctx?.me?.suspended_in?.length ? "/suspended" : "/workspaces/new");

async function homePage(main, app) {
  if (!session.token) return void app.navigate("/login", { replace: true });
  if (!app.ctx?.workspace) return void app.navigate(noWorkspacePath(), { replace: true });
  return void app.navigate("/team", { replace: true });
}

// Same-origin page links navigate without reloading, so the socket and its live updates carry on.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !routes.some((r) => r.pattern.test(url.pathname))) return;
  if (url.pathname === location.pathname && url.hash) return; // in-page anchors (the skip link)
  event.preventDefault();
  app.navigate(url.pathname + url.search);
});
window.addEventListener("popstate", render);

onUnauthorized(() => {
  forgetSession();
  toast("Your session has ended. Please sign in again.", { kind: "warning" });
  if (!/^\/(login|signup|invite\/)/.test(location.pathname)) {
    app.navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }
});
onSessionChangedElsewhere(() => {
  ctx = null;
  socketKey = null;
  disconnectRealtime();
  render();
});
onEmailConfirmedElsewhere(() => {
  if (ctx?.me) ctx.me.email_verified = true;
  document.getElementById("verify-banner")?.remove();
});
onRealtime("unauthenticated", () => {
  forgetSession();
  app.navigate("/login", { replace: true });
});

followWorkspaceDeletion(app);
watchOffers();

onRealtime("conversation_assigned", (event) => {
  const conversation = event.conversation ?? {};
  const what = conversation.initial_message ? `“${conversation.initial_message}”` : `from ${conversation.customer_id ?? "a customer"}`;
  toast([
    h("strong", {}, "New conversation assigned to you"),
    h("span", {}, ` ${what}`),
    " ",
    h("a", { href: "/conversations" }, "Open conversations"),
  ], { kind: "assigned", ms: 15000 });
});

onRealtime("member_removed", async (event) => {
  if (!ctx || event.user_id !== ctx.me.id) return;
  const name = ctx.workspace?.name ?? "the workspace";
  session.workspaceId = null;
  toast(`You were removed from ${name}.`, { kind: "warning", ms: 0 });
  await loadContext();
  app.navigate("/", { replace: true });
});

onRealtime("member_suspended", async (event) => {
  if (!ctx || event.user_id !== ctx.me.id) return;
  const left = ctx.workspace;
  session.workspaceId = null;
  toast(`Your access to ${left?.name ?? "the workspace"} was suspended.`, { kind: "warning", ms: 0 });
  await loadContext();
  // The page that says so, naming the workspace and the ones still open to me.
  app.navigate(`/suspended?from=${encodeURIComponent(left?.id ?? "")}`, { replace: true });
});

// Added to another workspace (by an owner elsewhere, or by accepting an invite in another tab): its name
// joins the workspace switcher at once.
onRealtime("workspace_joined", async (event) => {
  if (!ctx || ctx.me.businesses.some((b) => b.id === event.business_id)) return;
  await loadContext();
  if (event.role !== "owner") toast(`You were added to ${event.name} as ${event.role === "admin" ? "an admin" : "an agent"}.`);
  render();
});

// Whoever manages the team hears who joined, on any page: one toast per wave ("12 people joined Acme Support").
onRealtime("member_joined", (event) => {
  if (!ctx || event.user_id === ctx.me.id || (ctx.role !== "owner" && ctx.role !== "admin")) return;
  const where = ctx.workspace?.name ?? "the workspace";
  gatheringToast(`joined:${ctx.workspace?.id}`, event, (joins) => {
    if (joins.length === 1) {
      const [one] = joins;
      return `${one.name ?? "A new member"} joined ${where} as ${one.role === "admin" ? "an admin" : "an agent"}.`;
    }
    const names = joins.slice(-3).map((j) => j.name ?? "someone").join(", ");
    return `${joins.length} people joined ${where}, latest ${names}.`;
  }, { kind: "success" });
});

onRealtime("member_updated", async (event) => {
  if (!ctx || event.user_id !== ctx.me.id) return;
  const before = `${ctx.role}/${ctx.seat}`;
  await loadContext();
  if (`${ctx.role}/${ctx.seat}` !== before) {
    toast(`You are now ${ctx.role === "admin" ? "an admin" : `an ${ctx.role}`} with a ${ctx.seat} seat in ${ctx.workspace.name}.`);
    render();
  }
});

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

if (!tested) render();

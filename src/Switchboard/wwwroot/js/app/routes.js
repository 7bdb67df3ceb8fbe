// Which page each path shows, and what it asks of the visitor: signed in (auth), a workspace, a manager's or
// the owner's role. The first route is also the fallback for an unknown path.
import { session } from "../session.js";
import { noWorkspacePath } from "./context.js";
import { signInPage } from "../pages/sign-in.js";
import { signUpPage } from "../pages/sign-up.js";
import { newWorkspacePage } from "../pages/new-workspace.js";
import { teamPage } from "../pages/team.js";
import { conversationsPage } from "../pages/conversations.js";
import { invitePage } from "../pages/invite.js";
import { verifyEmailPage } from "../pages/verify-email.js";
import { joinPage } from "../pages/join.js";
import { supervisorPage } from "../pages/supervisor.js";
import { auditPage } from "../pages/audit.js";
import { teamsPage } from "../pages/teams.js";
import { teamDetailPage } from "../pages/team-detail.js";
import { suspendedPage } from "../pages/suspended.js";
import { testSignInPage } from "../sso/test-sign-in.js";

/**
 * A page whose module loads when it is first opened: the account pages stay out of the team page's first paint
 * (every module imported here is fetched before any page shows).
 */
const lazy = (load, name) => async (...args) => (await load())[name](...args);
const forgotPasswordPage = lazy(() => import("../pages/forgot-password.js"), "forgotPasswordPage");
const resetPasswordPage = lazy(() => import("../pages/reset-password.js"), "resetPasswordPage");
const accountDangerPage = lazy(() => import("../pages/account-danger.js"), "accountDangerPage");
const confirmEmailChangePage = lazy(() => import("../pages/account-danger.js"), "confirmEmailChangePage");
const accountPage = lazy(() => import("../pages/account.js"), "accountPage");
const ssoPage = lazy(() => import("../sso/sso-page.js"), "ssoPage");

async function homePage(main, app) {
  if (!session.token) return void app.navigate("/login", { replace: true });
  if (!app.ctx?.workspace) return void app.navigate(noWorkspacePath(), { replace: true });
  return void app.navigate("/team", { replace: true });
}

export const routes = [
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
  // The confirmation page is the one signed-in page without the "confirm your address" banner.
  { pattern: /^\/verify-email$/, page: verifyEmailPage, title: "Confirm your email address", noBanner: true },
  { pattern: /^\/forgot-password$/, page: forgotPasswordPage, title: "Reset your password" },
  { pattern: /^\/reset-password$/, page: resetPasswordPage, title: "Choose a new password" },
  { pattern: /^\/join$/, page: joinPage, title: "Join a workspace" },
  { pattern: /^\/account\/danger$/, page: accountDangerPage, auth: true, title: "Account: address, data and deletion" },
  { pattern: /^\/confirm-email-change$/, page: confirmEmailChangePage, title: "Confirm your new address" },
  { pattern: /^\/account$/, page: accountPage, auth: true, title: "Account" },
];

export const routeFor = (path) => routes.find((r) => r.pattern.test(path)) ?? routes[0];
export const isPagePath = (path) => routes.some((r) => r.pattern.test(path));

// "Test sign-in" from Settings → Single sign-on, in a tab of its own: /settings/sso/test?workspace=<id> marks the tab
// (sessionStorage is the tab's own) and goes to the workspace's sign-in link. The provider sends the tab back with a
// token like any single sign-on; a marked tab does not keep it — kept, it would replace the owner's session in every
// tab (localStorage is shared) — but says who came back, with which role and seat, and signs that token out.
import { h, fill, roleWithArticle } from "../dom.js";

const MARK = "switchboard.ssoTest";
/** As long as a sign-in at the provider may take (the service keeps its state ten minutes). */
const FRESH_MS = 10 * 60 * 1000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function testSignInPage(main) {
  const workspace = new URLSearchParams(location.search).get("workspace") ?? "";
  if (!GUID.test(workspace)) {
    main.append(h("h1", {}, "Test sign-in"), h("p", { class: "error", role: "alert" }, "Open the test sign-in from Settings → Single sign-on."));
    return;
  }
  sessionStorage.setItem(MARK, String(Date.now()));
  main.append(h("h1", {}, "Test sign-in"), h("p", {}, "Going to your identity provider…"));
  location.replace(`/api/v1/auth/sso/start?workspace=${encodeURIComponent(workspace)}`);
}

/** True when this tab started a test sign-in lately; the mark is used up either way. */
export function takeTestMark() {
  const started = Number(sessionStorage.getItem(MARK));
  sessionStorage.removeItem(MARK);
  return started > 0 && Date.now() - started < FRESH_MS;
}

/** Shows who the provider signed in, then revokes the token: a test leaves no session behind. */
export async function showTestResult(main, token, workspaceId) {
  document.title = "Test sign-in · Switchboard";
  const result = h("section", { class: "card narrow", id: "sso-test-result", "aria-live": "polite" }, h("h1", {}, "Test sign-in"), h("p", {}, "Checking…"));
  main.replaceChildren(result);
  const call = (method, path) => fetch(path, { method, headers: { accept: "application/json", authorization: `Bearer ${token}` } });
  try {
    const response = await call("GET", "/api/v1/auth/me");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const me = await response.json();
    const where = me.businesses.find((b) => b.id === workspaceId);
    fill(result, h("h1", {}, "Test sign-in worked"),
      h("p", {}, `Your provider signed in ${me.full_name} (${me.email})`,
        where ? `, who is ${roleWithArticle(where.role)} with a ${where.seat} seat in ${where.name}.` : "."),
      h("p", {}, "This test session has been signed out, and your other tabs are as they were. You can close this tab."));
  } catch (error) {
    fill(result, h("h1", {}, "Test sign-in"), h("p", { class: "error", role: "alert" },
      `The provider signed someone in, but their account could not be read (${error.message}). Try again.`));
  } finally {
    await call("POST", "/api/v1/auth/logout").catch(() => {});
  }
}

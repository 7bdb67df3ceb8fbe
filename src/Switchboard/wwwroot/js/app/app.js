// The handle every page gets: the context, navigation, and the steps that change who is signed in or where.
import { session } from "../session.js";
import { api } from "../api.js";
import { currentContext, loadContext, forgetSession } from "./context.js";
import { render } from "./render.js";

export const app = {
  get ctx() {
    return currentContext();
  },
  navigate(path, { replace = false } = {}) {
    history[replace ? "replaceState" : "pushState"]({}, "", path);
    return render(app);
  },
  /** Draws the current path's page again (the context as it is). */
  render() {
    return render(app);
  },
  /** Reads who I am and where again (after joining, a new role, a removal), then redraws the page. */
  async reload() {
    await loadContext();
    return render(app);
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

// Draws the page of the current path: signs in first when it needs it, reads the context once, shows a page the
// role may not see as words instead, and lets only the newest of overlapping renders own the screen.
import { session } from "../session.js";
import { renderShell } from "../shell.js";
import { h, roleWithArticle } from "../dom.js";
import { verifyBanner } from "../verify-banner.js";
import { currentContext, loadContext, noWorkspacePath } from "./context.js";
import { routeFor } from "./routes.js";

let cleanup = null;
let renderCount = 0;

export async function render(app) {
  const mine = ++renderCount;
  cleanup?.();
  cleanup = null;
  const path = location.pathname;
  const route = routeFor(path);
  const params = path.match(route.pattern)?.slice(1) ?? [];
  const main = document.getElementById("main");

  if (route.auth && !session.token) {
    return app.navigate(`/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  }
  if (session.token && !currentContext()) {
    try {
      await loadContext();
    } catch (error) {
      if (error.status === 401) return; // onUnauthorized took us to the sign-in page
      main.replaceChildren(h("h1", { tabindex: -1 }, "Switchboard is unavailable"), h("p", { class: "error" }, error.message));
      return;
    }
  }
  if (mine !== renderCount) return;
  const ctx = currentContext();
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
  const banner = route.noBanner ? null : verifyBanner(currentContext());
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

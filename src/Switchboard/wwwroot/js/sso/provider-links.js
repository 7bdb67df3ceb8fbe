// What the owner does around the provider's form: paste the redirect URI into the provider, try a sign-in through it
// in a new tab, and remove single sign-on (members sign in with passwords again; claimed domains stay).
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";
import { copyField } from "./copy-field.js";

/** Before the first save the service has not said it yet: it is this dashboard's origin (PublicBaseUrl) plus the route. */
const callbackHere = () => `${location.origin}/api/v1/auth/sso/callback`;

export function providerLinks(ctx, { onRemoved }) {
  const redirect = h("div", { id: "sso-redirect" });
  const test = h("div", { id: "sso-test" });
  const removeError = errorLine("sso-remove-error");
  const remove = h("button", { type: "button", class: "danger-outline", id: "sso-remove", "aria-describedby": "sso-remove-error" },
    "Remove single sign-on");
  const removal = h("div", { class: "sso-removal" }, h("div", { class: "form-actions" }, remove), removeError);
  const el = h("div", { class: "sso-links" }, redirect, test);

  remove.addEventListener("click", async () => {
    fill(removeError);
    const yes = await confirmDialog({
      title: "Remove single sign-on?",
      message: "Members sign in with their passwords again (those without one use \"Forgot password\"). The provider's "
        + "settings and secret are deleted; the claimed domains stay.",
      confirmLabel: "Remove single sign-on",
    });
    if (!yes) return;
    try {
      await api("DELETE", "/api/v1/team/sso");
      toast("Single sign-on removed: members sign in with their passwords again.", { kind: "success" });
      await onRemoved();
    } catch (e) {
      fill(removeError, explain(e, { action: "manage single sign-on", role: ctx.role }).text);
    }
  });

  function show(view) {
    fill(redirect, copyField("Redirect URI", view?.redirect_uri ?? callbackHere(), { id: "sso-redirect-uri" }),
      h("p", { class: "hint" }, "Register a web application at your provider with this redirect URI, the authorization code flow, "
        + "scopes openid email profile and client authentication client_secret_basic."));
    fill(test, view
      ? [copyField("Sign-in link", view.sign_in_url, { id: "sso-sign-in-url" }),
        h("p", { class: "hint" }, "For your members' bookmarks or the provider's app launcher: it signs them in through the provider."),
        h("p", {}, h("a", { href: `/settings/sso/test?workspace=${encodeURIComponent(ctx.workspace.id)}`, target: "_blank", rel: "noopener",
          id: "sso-test-link", class: "button-link", "aria-describedby": "sso-test-hint" }, "Test sign-in (opens a new tab)")),
        h("p", { class: "hint", id: "sso-test-hint" }, "A new tab follows the sign-in link to your provider. Sign in there (as yourself or "
          + "as a test user) and the tab comes back saying whom the provider signed in, with their role and seat; that test session is "
          + "then signed out (someone signing in for the first time joins the team, as at any first sign-in). This page and your other tabs stay as they are; a refusal is shown in the new tab in words.")]
      : h("p", { class: "hint" }, "Save the provider to try a sign-in through it."));
    removal.hidden = !view;
    fill(removeError);
  }

  /** `removal` goes under the form: the destructive step last. */
  return { el, removal, show };
}

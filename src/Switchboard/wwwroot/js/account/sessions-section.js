// The account page's "Where you're signed in": each session (this one marked) with Sign out, and Sign out everywhere else.
import { h, fill, timeEl, cell } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";

export async function sessionsSection() {
  const section = h("section", { class: "card", id: "account-sessions", "aria-labelledby": "sessions-heading" });
  const error = errorLine("sessions-error");
  const body = h("tbody", {});
  const others = h("button", { type: "button", id: "sign-out-others" }, "Sign out everywhere else");

  async function load() {
    const sessions = await api("GET", "/api/v1/auth/sessions");
    fill(body, sessions.map((s) => h("tr", { dataset: { session: String(s.id) } },
      cell("Device", {}, s.user_agent ?? "Unknown device", s.current ? h("span", { class: "badge" }, "This session") : null),
      cell("Address", {}, s.ip ?? "—"),
      cell("Signed in", {}, timeEl(s.created_at, true)),
      cell("Last used", {}, timeEl(s.last_used_at, true)),
      cell("Actions", {}, s.current ? null : h("button", {
        type: "button", class: "link-button", "aria-label": `Sign out ${s.user_agent ?? "this device"} (session ${s.id})`,
        onClick: () => act(() => api("DELETE", `/api/v1/auth/sessions/${encodeURIComponent(s.id)}`), "Session signed out."),
      }, "Sign out")))));
    others.hidden = !sessions.some((s) => !s.current);
  }

  async function act(call, message) {
    fill(error);
    try {
      await call();
      toast(message, { kind: "success" });
      await load();
    } catch (e) {
      fill(error, explain(e, { action: "sign out that session" }).text);
    }
  }

  others.addEventListener("click", () => act(() => api("DELETE", "/api/v1/auth/sessions"), "Every other session was signed out."));
  await load();
  section.append(
    h("h2", { id: "sessions-heading" }, "Where you're signed in"),
    h("div", { class: "table-scroll" }, h("table", { class: "responsive", id: "sessions" },
      h("thead", {}, h("tr", {}, ["Device", "Address", "Signed in", "Last used", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
      body)),
    h("div", { class: "form-actions" }, others),
    error);
  return section;
}

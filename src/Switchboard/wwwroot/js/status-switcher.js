// "My status": live / away / offline, in the header of every workspace page. Follows changes made
// elsewhere (another tab, or presence setting it offline) through agent_status_changed.
import { h, fill } from "./dom.js";
import { api, unwrap } from "./api.js";
import { errorLine } from "./forms.js";
import { explain } from "./refusal.js";
import { onRealtime } from "./realtime.js";

export const STATUSES = [
  ["live", "Live"],
  ["away", "Away"],
  ["offline", "Offline"],
];

export function statusDot(status) {
  return h("span", { class: `dot dot-${status}`, "aria-hidden": "true" });
}

export function statusSwitcher(ctx) {
  // Until the real status is read, the control says so instead of showing the first option (Live).
  const loading = h("option", { value: "", disabled: true, selected: true }, "Loading…");
  const select = h("select", { id: "my-status", name: "status", "aria-describedby": "my-status-error", "aria-busy": "true" },
    loading, STATUSES.map(([value, label]) => h("option", { value }, label)));
  const dot = h("span", { class: "dot dot-loading", "aria-hidden": "true" });
  const error = errorLine("my-status-error");
  const el = h("div", { class: "status-switcher", dataset: { status: "loading" } },
    h("label", { for: "my-status" }, "My status"), dot, select, error);
  let current = null;

  const show = (status) => {
    current = status;
    loading.remove();
    select.removeAttribute("aria-busy");
    select.value = status;
    dot.className = `dot dot-${status}`;
    el.dataset.status = status;
  };

  select.addEventListener("change", async () => {
    const wanted = select.value;
    fill(error);
    try {
      const member = await api("PATCH", "/api/v1/team/status", { status: wanted });
      show(member.status);
    } catch (e) {
      if (current) show(current);
      fill(error, explain(e, { action: "change your status", role: ctx.role }).text);
    }
  });

  const off = onRealtime("agent_status_changed", (e) => {
    if (e.agent_id === ctx.me.id) show(e.status);
  });

  // My own row only: a search for my address, not the whole team.
  api("GET", `/app/members?q=${encodeURIComponent(ctx.me.email)}&page_size=100`).then((body) => {
    const me = unwrap(body).find((m) => m.user_id === ctx.me.id);
    if (me && current === null) show(me.status);
  }).catch(() => {
    if (current === null) fill(error, "Your status could not be read. Reload the page to try again.");
  });

  return { el, destroy: off };
}

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
  const select = h("select", { id: "my-status", name: "status", "aria-describedby": "my-status-error" },
    STATUSES.map(([value, label]) => h("option", { value }, label)));
  const dot = h("span", { class: "dot", "aria-hidden": "true" });
  const error = errorLine("my-status-error");
  const el = h("div", { class: "status-switcher" },
    h("label", { for: "my-status" }, "My status"), dot, select, error);
  let current = null;

  const show = (status) => {
    current = status;
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

  api("GET", "/app/members").then((body) => {
    const me = unwrap(body).find((m) => m.user_id === ctx.me.id);
    if (me && current === null) show(me.status);
  }).catch(() => {});

  return { el, destroy: off };
}

// The header's live-connection state ("Live updates on", "Connecting…"…), following the socket.
import { h, fill } from "../dom.js";
import { onRealtime, realtimeState } from "../realtime.js";

const CONNECTION_TEXT = {
  connected: "Live updates on",
  connecting: "Connecting…",
  disconnected: "Live updates paused, reconnecting…",
  off: "Live updates off",
};

/** { el, destroy }: the state as it is now, then as the socket says. */
export function connectionState() {
  const el = h("span", { class: "connection" });
  const show = (state) => {
    el.dataset.state = state;
    fill(el, h("span", { class: "dot", "aria-hidden": "true" }), CONNECTION_TEXT[state] ?? state);
  };
  show(realtimeState());
  return { el, destroy: onRealtime("state", show) };
}

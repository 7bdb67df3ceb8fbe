// Offer routing (docs/routing.md): a conversation offered to this agent shows as a toast with Accept, Decline and
// the seconds left until expires_at. It closes when the agent answers, when the server says the offer ended
// (conversation_offer_ended: expired or declined elsewhere), or when the countdown reaches zero. A refused answer
// (someone else took it, the offer expired) says why in the toast, in the server's words.
import { h, fill, parseUtc } from "../dom.js";
import { api } from "../api.js";
import { onRealtime } from "../realtime.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";

const open = new Map();

function secondsLeft(expiresAt) {
  return Math.max(0, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
}

function show(event) {
  const id = event.conversation_id;
  open.get(id)?.close();
  const conversation = event.conversation ?? {};
  const what = conversation.initial_message ? `“${conversation.initial_message}”` : `from ${conversation.customer_id ?? "a customer"}`;
  const expiresAt = parseUtc(event.expires_at);
  const countdown = h("span", { class: "offer-countdown", "aria-hidden": "true" });
  const accept = h("button", { type: "button", class: "primary offer-accept" }, "Accept");
  const decline = h("button", { type: "button", class: "offer-decline" }, "Decline");
  const problem = h("p", { class: "offer-error", role: "alert" });
  const body = h("div", { class: "offer", dataset: { conversationId: id } },
    h("strong", {}, "Conversation offered to you"),
    h("span", {}, ` ${what} `),
    h("p", { class: "offer-time" }, "Answer within ", countdown, " seconds."),
    h("div", { class: "offer-actions" }, accept, decline),
    problem);
  const remove = toast(body, { kind: "offer", ms: 0 });
  let timer = null;
  const close = () => {
    clearInterval(timer);
    open.delete(id);
    remove();
  };
  const tick = () => {
    const left = secondsLeft(expiresAt);
    fill(countdown, String(left));
    if (left === 0) close();
  };
  async function answer(verb) {
    accept.disabled = decline.disabled = true;
    try {
      await api("POST", `/api/v1/conversations/${id}/${verb}`);
      close();
      if (verb === "accept") toast([h("strong", {}, "Conversation accepted"), " ", h("a", { href: "/conversations" }, "Open conversations")], { kind: "success" });
    } catch (e) {
      clearInterval(timer);
      fill(problem, explain(e, { action: `${verb} the conversation` }).text);
    }
  }
  accept.addEventListener("click", () => answer("accept"));
  decline.addEventListener("click", () => answer("decline"));
  open.set(id, { close });
  tick();
  timer = setInterval(tick, 1000);
}

/** Called once at start-up: offers to this agent appear as toasts on every page. */
export function watchOffers() {
  onRealtime("conversation_offered", show);
  onRealtime("conversation_offer_ended", (event) => open.get(event.conversation_id)?.close());
}

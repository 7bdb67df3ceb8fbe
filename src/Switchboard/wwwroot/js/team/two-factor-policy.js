// The workspace's two-factor policy on the team page: the owner's select in Team settings, the sentence others
// read, and the "No second factor" badge beside members the policy covers who have none. The list tells owners
// and admins who has a factor (two_factor_enabled, absent for agents, who see no badge).
import { h, fill } from "../dom.js";
import { api } from "../api.js";
import { errorLine } from "../forms.js";
import { explain } from "../refusal.js";
import { toast } from "../toast.js";

const CHOICES = [
  ["off", "Not required"],
  ["admins", "Required for the owner and admins"],
  ["everyone", "Required for everyone"],
];

const covers = (policy, role) => policy === "everyone" || (policy === "admins" && (role === "owner" || role === "admin"));

export function policySentence(policy) {
  if (policy === "everyone") return "Every member needs a second factor (authenticator app) to use this workspace.";
  if (policy === "admins") return "The owner and admins need a second factor (authenticator app) to use this workspace.";
  return "A second factor is not required in this workspace.";
}

/** Only where a policy covers the member's role and the list says they have no factor (never a guess). */
export function secondFactorBadge(member, policy) {
  if (member.two_factor_enabled !== false || !covers(policy, member.role)) return null;
  return [" ", h("span", { class: "badge warning", title: "Cannot use this workspace until they set up a second factor in Account settings." },
    "No second factor")];
}

/** The owner's select: saves on change; a refusal (no factor of their own yet) puts it back and says what to do. */
export function policyControl(ctx, { onChanged }) {
  const id = "require-two-factor";
  const error = errorLine(`${id}-error`);
  const select = h("select", { id, "aria-describedby": `${id}-hint ${id}-error` },
    CHOICES.map(([value, label]) => h("option", { value }, label)));
  let current = "off";
  select.addEventListener("change", async () => {
    fill(error);
    const wanted = select.value;
    try {
      const saved = await api("PATCH", "/api/v1/team/settings", { require_two_factor: wanted });
      current = saved.require_two_factor;
      select.value = current;
      toast(`Two-factor authentication: ${CHOICES.find(([v]) => v === current)?.[1].toLowerCase()}.`, { kind: "success" });
    } catch (e) {
      select.value = current;
      fill(error, explain(e, { action: "change team settings", role: ctx.role }).text);
    }
    await onChanged();
  });
  const el = h("div", { class: "setting" },
    h("label", { for: id }, "Two-factor authentication"), select,
    h("p", { class: "hint", id: `${id}-hint` },
      "Members it covers without a second factor cannot use this workspace until they set one up in Account settings. Set up your own first."),
    error);
  return {
    el,
    show(policy) {
      current = policy ?? "off";
      select.value = current;
    },
  };
}

// "Remove hours": after a confirmation, DELETE …/hours; the team is always open again, and a toast says so.
import { api } from "../api.js";
import { confirmDialog } from "../confirm.js";
import { toast } from "../toast.js";

/** Resolves to the team's hours once removed, or null when the confirmation was declined. */
export async function removeHours(team) {
  const yes = await confirmDialog({
    title: `Remove the business hours of ${team.name}?`,
    message: "The team becomes always open: its conversations are routed at any hour.",
    confirmLabel: "Remove hours",
  });
  if (!yes) return null;
  const hours = await api("DELETE", `/api/v1/team/teams/${encodeURIComponent(team.id)}/hours`);
  toast(`${team.name} is always open now.`, { kind: "success" });
  return hours;
}

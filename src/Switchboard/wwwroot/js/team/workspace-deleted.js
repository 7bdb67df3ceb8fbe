// A workspace deleted by its owner (in another tab, or while a member watches): everyone on it is told and taken to
// whatever workspace they have left. Registered once, by main.js, which hands over the app (importing main.js
// from here would make a circle: main.js imports this module).
import { onRealtime } from "../realtime.js";
import { toast } from "../toast.js";
import { session } from "../session.js";

export const followWorkspaceDeletion = (app) => onRealtime("workspace_deleted", async (event) => {
  const ctx = app.ctx;
  if (!ctx || ctx.workspace?.id !== event.business_id) return;
  session.workspaceId = null;
  toast(`${ctx.workspace.name} was deleted by its owner.`, { kind: "warning", ms: 0 });
  await app.reload();
  app.navigate("/", { replace: true });
});

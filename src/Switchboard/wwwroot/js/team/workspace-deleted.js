// A workspace deleted by its owner (in another tab, or while a member watches): everyone on it is told and taken to
// whatever workspace they have left. Registered once, by being imported from main.js.
import { onRealtime } from "../realtime.js";
import { toast } from "../toast.js";
import { session } from "../session.js";
import { app } from "../main.js";

onRealtime("workspace_deleted", async (event) => {
  const ctx = app.ctx;
  if (!ctx || ctx.workspace?.id !== event.business_id) return;
  session.workspaceId = null;
  toast(`${ctx.workspace.name} was deleted by its owner.`, { kind: "warning", ms: 0 });
  await app.reload();
  app.navigate("/", { replace: true });
});

// Settings → Team: plan usage, invite, members, pending invites, and the owner's permission switch,
// kept current by the workspace's Socket.IO events.
import { h } from "../dom.js";
import { api, unwrap } from "../api.js";
import { onRealtime, realtimeRecovered } from "../realtime.js";
import { permissionsFor } from "../permissions.js";
import { planUsage } from "../team/plan-usage.js";
import { inviteForm } from "../team/invite-form.js";
import { membersTable } from "../team/members-table.js";
import { pendingInvites } from "../team/pending-invites.js";
import { teamSettings } from "../team/team-settings.js";

export async function teamPage(main, app) {
  const ctx = app.ctx;
  const state = { members: [], invites: [], billing: null, settings: null };
  const getState = () => state;
  const parts = [
    planUsage(ctx, { onUpgraded: () => reload() }),
    inviteForm(ctx, { getState, onInvited: () => reload() }),
  ];
  const members = membersTable(ctx, { getState, onChanged: () => reload() });
  parts.push(members, pendingInvites(ctx, { onChanged: () => reload() }), teamSettings(ctx, { onChanged: () => reload() }));

  main.append(
    h("p", { class: "breadcrumb" }, "Settings → Team"),
    h("h1", {}, `Team of ${ctx.workspace.name}`),
    h("div", { class: "team-grid" }, parts.map((p) => p.el)));

  let loading = null;
  let again = false;
  /** Reads everything the page shows; calls that arrive while a read runs are folded into one more. */
  async function reload() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        const [m, i, billing, settings] = await Promise.all([
          api("GET", "/app/members"),
          // Only those who manage invites may list them (an invite's id is its link); others see none.
          api("GET", "/app/invites").catch((error) => (error.status === 403 ? { data: [] } : Promise.reject(error))),
          api("GET", "/api/v1/billing"),
          api("GET", "/api/v1/team/settings"),
        ]);
        Object.assign(state, { members: unwrap(m), invites: unwrap(i), billing, settings });
        const can = permissionsFor(ctx.role, settings.admins_can_invite);
        for (const part of parts) part.update(state, can);
      } while (again);
    })().finally(() => {
      loading = null;
    });
    return loading;
  }
  const reloadQuietly = () => reload().catch(() => {
    // The workspace may be gone for us (member_removed is handled globally); nothing to redraw.
  });

  await reload();

  let wasDown = false;
  const offs = [
    onRealtime("agent_status_changed", (e) => {
      const member = state.members.find((m) => m.id === e.member_id);
      if (member) member.status = e.status;
      if (!members.setStatus(e.member_id, e.status)) reloadQuietly();
    }),
    onRealtime("member_joined", reloadQuietly),
    onRealtime("member_removed", reloadQuietly),
    onRealtime("member_updated", reloadQuietly),
    onRealtime("invite_accepted", reloadQuietly),
    // Plan, permissions or profile changed elsewhere: usage and what this role may do are redrawn.
    onRealtime("workspace_updated", reloadQuietly),
    // Back from a dropped connection: a recovered session got every missed event replayed; a fresh one may have
    // missed some, so the page re-reads.
    onRealtime("state", (s) => {
      if (s === "disconnected") wasDown = true;
      else if (s === "connected" && wasDown) {
        wasDown = false;
        if (!realtimeRecovered()) reloadQuietly();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}

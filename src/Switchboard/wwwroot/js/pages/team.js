// Settings → Team: plan usage, invite, members (searched and paged by the server), pending invites, and the
// team's settings, kept current by the workspace's Socket.IO events.
import { h } from "../dom.js";
import { serialReads } from "../serial-reads.js";
import { api } from "../api.js";
import { atMostOncePer } from "../live-reads.js";
import { permissionsFor } from "../permissions.js";
import { planUsage } from "../team/plan-usage.js";
import { inviteForm } from "../team/invite-form.js";
import { membersTable } from "../team/members-table.js";
import { pendingInvites } from "../team/pending-invites.js";
import { teamSettings } from "../team/team-settings.js";
import { inviteLinks } from "../team/invite-links.js";
import { bulkInvite } from "../team/bulk-invite.js";
import { ownership } from "../team/ownership.js";
import { followTeamEvents } from "../team/team-events.js";

export async function teamPage(main, app) {
  const ctx = app.ctx;
  const state = { billing: null, settings: null };
  const getState = () => state;
  const members = membersTable(ctx, { getState, onChanged: () => reload() });
  const invites = pendingInvites(ctx, { onChanged: () => reload() });
  const parts = [
    planUsage(ctx, { onUpgraded: () => reload() }),
    inviteForm(ctx, { getState, onInvited: () => reload() }),
    bulkInvite(ctx, { roleOptions: [["agent", "Agent"], ["admin", "Admin"]], onInvited: () => reload() }),
    members,
    invites,
    inviteLinks(ctx, { onChanged: () => reload() }),
    teamSettings(ctx, { onChanged: () => reload() }),
    ownership(ctx, app),
  ];

  main.append(
    h("p", { class: "breadcrumb" }, "Settings → Team"),
    h("h1", { class: "truncate-heading", title: ctx.workspace.name }, `Team of ${ctx.workspace.name}`),
    h("div", { class: "team-grid" }, parts.map((p) => p.el)));

  /** Reads everything the page shows; calls that arrive while a read runs are folded into one more (serial-reads.js). */
  const reload = serialReads(async () => {
    const reading = api("GET", "/api/v1/team/settings");
    const [billing, settings] = await Promise.all([
      api("GET", "/api/v1/billing"),
      reading,
      members.refresh(),
      // Invites are asked for only by those who may list them (an owner at once, an admin once the settings
      // say admins may invite): a request the role is refused would be a 403 in the console for nothing.
      ctx.role === "owner" ? invites.refresh()
        : ctx.role === "admin" ? reading.then((s) => (s.admins_can_invite ? invites.refresh() : null)) : null,
    ]);
    Object.assign(state, { billing, settings });
    const can = permissionsFor(ctx.role, settings.admins_can_invite);
    for (const part of parts) part.update(state, can);
  });
  const reloadQuietly = () => reload().catch(() => {
    // The workspace may be gone for us (member_removed is handled globally); nothing to redraw.
  });
  // What live events ask for: one read a second at most, however many events a wave brings.
  const reloadSoon = atMostOncePer(reloadQuietly);

  // The page's frame shows at once with skeletons; the members table fills in as soon as its page arrives.
  const first = reload();
  first.catch(() => {});

  const offs = followTeamEvents({
    // A read already on its way may predate a status change and would redraw the old status over the patch: read again after it.
    readAgainIfReading: () => reload.againIfReading(),
    members,
    reloadSoon,
  });
  const off = () => {
    offs.forEach((o) => o());
    reloadSoon.cancel();
  };
  try {
    await first;
  } catch (error) {
    off();
    throw error;
  }
  return off;
}

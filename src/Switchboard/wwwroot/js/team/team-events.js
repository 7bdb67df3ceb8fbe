// The Socket.IO events that keep Settings → Team current: a status change is patched into the members table (no
// read); the others ask for one read a second at most; back from a dropped connection that was not recovered, the
// page reads again. Answers the functions that stop listening.
import { onRealtime, realtimeRecovered } from "../realtime.js";

export function followTeamEvents({ members, reloadSoon, readAgainIfReading }) {
  let wasDown = false;
  return [
    onRealtime("agent_status_changed", (e) => {
      readAgainIfReading();
      if (!members.setStatus(e.member_id, e.status)) reloadSoon();
    }),
    onRealtime("member_joined", reloadSoon),
    onRealtime("member_removed", reloadSoon),
    onRealtime("member_updated", reloadSoon),
    onRealtime("member_suspended", reloadSoon),
    onRealtime("member_restored", reloadSoon),
    onRealtime("invite_accepted", reloadSoon),
    // Invites created, resent or revoked elsewhere (sent only to those who may manage invites).
    onRealtime("invites_changed", reloadSoon),
    // Plan, permissions or profile changed elsewhere: usage and what this role may do are redrawn.
    onRealtime("workspace_updated", reloadSoon),
    // Back from a dropped connection: a recovered session got every missed event replayed; a fresh one may have
    // missed some, so the page re-reads.
    onRealtime("state", (s) => {
      if (s === "disconnected") wasDown = true;
      else if (s === "connected" && wasDown) {
        wasDown = false;
        if (!realtimeRecovered()) reloadSoon();
      }
    }),
  ];
}

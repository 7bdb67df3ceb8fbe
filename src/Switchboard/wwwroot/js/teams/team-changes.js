// What keeps the Teams pages current: team_updated (sent to owners and admins, {team_id, change}) and the member
// events that move a team's members or their rows (a newcomer joins the default team, a removed member leaves every
// team). A fresh Socket.IO session — not a recovered one, which replays what it missed — may have missed events, so
// it counts as a change of everything.
import { onRealtime, realtimeRecovered } from "../realtime.js";

const MEMBER_EVENTS = ["member_joined", "member_removed", "member_suspended", "member_restored", "member_updated"];

/** Calls handle({team_id?, change}) for each change; returns the unsubscribe function. */
export function onTeamChanges(handle) {
  let wasDown = false;
  const offs = [
    onRealtime("team_updated", (e) => handle(e)),
    ...MEMBER_EVENTS.map((name) => onRealtime(name, () => handle({ change: "members" }))),
    onRealtime("state", (s) => {
      if (s === "disconnected") wasDown = true;
      else if (s === "connected" && wasDown) {
        wasDown = false;
        if (!realtimeRecovered()) handle({ change: "reconnected" });
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}

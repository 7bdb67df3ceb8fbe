// The supervisor view's live patches: a status change or a member's new role or seat is applied to the member the
// view holds, with no read; someone not read yet asks for one. Patches of one frame are drawn together: 100 status
// changes at once are a few redraws, not 100.

export function floorPatches({ view, draw, reloadSoon }) {
  let frame = 0;
  const drawSoon = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  };
  /** An event about a member this view holds, applied to it with no read; someone not read yet asks for one. */
  const patch = (apply) => (event) => {
    const agent = view()?.agents.find((a) => a.member_id === event.member_id);
    if (!agent) return reloadSoon();
    if (apply(agent, event)) drawSoon();
  };
  return {
    status: patch((agent, event) => {
      if (agent.status === event.status) return false;
      agent.status = event.status;
      agent.status_since = new Date().toISOString();
      return true;
    }),
    member: patch((agent, event) => {
      agent.role = event.role ?? agent.role;
      agent.seat = event.seat ?? agent.seat;
      return true;
    }),
    cancel: () => cancelAnimationFrame(frame),
  };
}

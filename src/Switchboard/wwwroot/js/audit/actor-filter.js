// The audit log's "Done by": a name or address resolved to one member through the members search, so the page never
// loads the whole team.
import { fill } from "../dom.js";
import { api, unwrap } from "../api.js";

/** `actor`'s text → { ok, id }: one member's user id (null when empty); several or none are said in `note`, not guessed. */
export async function resolveActor(actor, note) {
  const text = actor.value.trim();
  fill(note);
  if (!text) return { ok: true, id: null };
  const found = unwrap(await api("GET", `/app/members?q=${encodeURIComponent(text)}&page_size=2&sort=name`));
  if (found.length === 1) {
    fill(note, `Showing what ${found[0].name} did.`);
    return { ok: true, id: found[0].user_id };
  }
  fill(note, found.length ? "Several members match: type more of the name or address." : "No member matches.");
  actor.focus();
  return { ok: false, id: null };
}

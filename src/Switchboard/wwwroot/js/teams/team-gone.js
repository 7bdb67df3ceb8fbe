// A team page whose team is not there: never was in this workspace, or deleted (by someone else, while the page was
// open). Either way it says so in words and leads back to the list.
import { h } from "../dom.js";

/** The card shown instead of the team; `team` is the one that was on screen, or null when none was. */
export function teamGone(team) {
  return h("section", { class: "card narrow", id: "team-missing" },
    h("h1", { tabindex: -1 }, team ? "Team deleted" : "Team not found"),
    h("p", {}, team
      ? `${team.name} was deleted by an owner or admin. Its members stay in the workspace; its conversations route to anyone now.`
      : "This team does not exist in this workspace, or it was deleted."),
    h("p", {}, h("a", { href: "/teams" }, "Back to the teams")));
}

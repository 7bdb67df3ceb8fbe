// Where the dashboard keeps who is signed in and which workspace they look at.
//
// localStorage, not sessionStorage: support agents keep several dashboard tabs open all day, and one
// sign-in should serve them all; signing out in one tab signs out every tab (the storage event below).
// The risk is the same either way (a script on the page could read both), so the real defences are the
// Content-Security-Policy (scripts from this origin only) and building the DOM with text nodes only.
// Signing out also revokes the token on the server.
//
// The workspace is per tab (sessionStorage), with the last one chosen in any tab (localStorage) as where a new tab
// starts. Kept only in localStorage, a workspace created or chosen in one tab moved every other tab there the next
// time it read who it is (a workspace_joined event, a role change): its socket left the workspace it showed, and
// after a minute presence set the person offline there while they were looking at it (issue 29).

const TOKEN = "switchboard.token";
const WORKSPACE = "switchboard.workspace";

export const session = {
  get token() {
    return localStorage.getItem(TOKEN);
  },
  signIn(token) {
    localStorage.setItem(TOKEN, token);
  },
  forget() {
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(WORKSPACE);
    sessionStorage.removeItem(WORKSPACE);
  },
  get workspaceId() {
    return sessionStorage.getItem(WORKSPACE) ?? localStorage.getItem(WORKSPACE);
  },
  set workspaceId(id) {
    if (id) {
      // Only a change in this tab (a choice, a new workspace) becomes where new tabs start: a tab reading who it is
      // again and keeping its workspace must not undo another tab's later choice.
      if (sessionStorage.getItem(WORKSPACE) !== id) localStorage.setItem(WORKSPACE, id);
      sessionStorage.setItem(WORKSPACE, id);
    } else {
      // Leaving this tab's workspace (deleted, removed, suspended): this tab picks again; others keep theirs.
      const left = sessionStorage.getItem(WORKSPACE);
      sessionStorage.removeItem(WORKSPACE);
      if (left === null || localStorage.getItem(WORKSPACE) === left) localStorage.removeItem(WORKSPACE);
    }
  },
};

/** Calls back when another tab signs out or signs in as someone else. */
export function onSessionChangedElsewhere(callback) {
  window.addEventListener("storage", (e) => {
    if (e.key === TOKEN || e.key === null) callback();
  });
}

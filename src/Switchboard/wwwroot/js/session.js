// Where the dashboard keeps who is signed in and which workspace they look at.
//
// localStorage, not sessionStorage: support agents keep several dashboard tabs open all day, and one
// sign-in should serve them all; signing out in one tab signs out every tab (the storage event below).
// The risk is the same either way (a script on the page could read both), so the real defences are the
// Content-Security-Policy (scripts from this origin only) and building the DOM with text nodes only.
// Signing out also revokes the token on the server.

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
  },
  get workspaceId() {
    return localStorage.getItem(WORKSPACE);
  },
  set workspaceId(id) {
    if (id) localStorage.setItem(WORKSPACE, id);
    else localStorage.removeItem(WORKSPACE);
  },
};

/** Calls back when another tab signs out or signs in as someone else. */
export function onSessionChangedElsewhere(callback) {
  window.addEventListener("storage", (e) => {
    if (e.key === TOKEN || e.key === null) callback();
  });
}

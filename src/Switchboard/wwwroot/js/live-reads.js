// Live events arrive in waves (60 people joining fire 60 member_joined, each with its invite and plan events):
// a page that re-read on each one sent thousands of requests. soon() folds every event of a second into one
// read: the first read starts at once, the next no sooner than a second after the previous one started.

/** Returns soon(): asks for `read()`, at most once per `gapMs`; calls in between fold into the next one. */
export function atMostOncePer(read, gapMs = 1000) {
  let last = -Infinity;
  let timer = null;
  let running = null;
  const run = async () => {
    // A read still running (a slow server) delays the next one instead of overlapping it; events meanwhile fold
    // into this one (the timer stays set until it starts).
    if (running) await running;
    timer = null;
    last = Date.now();
    running = Promise.resolve().then(read).catch(() => {}).finally(() => {
      running = null;
    });
  };
  const soon = () => {
    if (timer) return;
    timer = setTimeout(run, Math.max(0, last + gapMs - Date.now()));
  };
  soon.cancel = () => clearTimeout(timer);
  return soon;
}

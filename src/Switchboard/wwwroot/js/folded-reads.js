// One read at a time of a view that live events ask to read again (the members table, the supervisor's floor): calls
// that arrive while a read runs are folded into one more read after it, and an answer overtaken by a newer read is
// dropped, so an older answer never redraws over a newer one.

/**
 * Returns refresh(): runs `read()` and hands its answer to `take(body)`, which answers true to read once more (e.g.
 * past the last page). A failure goes to `failed(error)`; `settled()`, if given, runs after every round.
 */
export function foldedReads(read, { take, failed, settled }) {
  let fetching = null;
  let fetchAgain = false;
  let generation = 0;
  return function refresh() {
    if (fetching) {
      fetchAgain = true;
      return fetching;
    }
    fetching = (async () => {
      do {
        fetchAgain = false;
        const mine = ++generation;
        const body = await read();
        if (mine !== generation) continue;
        if (take(body)) fetchAgain = true;
      } while (fetchAgain);
    })().catch(failed).finally(() => {
      fetching = null;
      settled?.();
    });
    return fetching;
  };
}

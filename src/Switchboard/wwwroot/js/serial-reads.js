// Live pages read again when an event says something changed. A read already on its way may have started before
// that change, so an event during a read asks for one more read after it — never a second one at the same time, and
// never more than one more however many events come (the team, teams and team pages use it).

/**
 * Returns reread(): runs `read`, or, while it runs, marks one more read; resolves when the page is current.
 * reread.againIfReading() marks one more read only if one is on its way.
 */
export function serialReads(read) {
  let loading = null;
  let again = false;
  function reread() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        await read();
      } while (again);
    })().finally(() => {
      loading = null;
    });
    return loading;
  }
  /** One more read after the one on its way, if one is; nothing otherwise (a patch already drew the change). */
  reread.againIfReading = () => {
    if (loading) again = true;
  };
  return reread;
}

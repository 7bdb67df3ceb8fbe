// How long something has lasted, in the floor's words: the waiting queue's ages and each member's time in status.

/** "4 min", "2 h 5 min", "3 d 2 h", "under a minute". */
export function duration(ms) {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

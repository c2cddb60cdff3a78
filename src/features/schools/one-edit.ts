/**
 * Whether two words differ by at most one slip of the keyboard: a letter added, dropped or changed, or
 * two neighbours swapped (the optimal string alignment distance is at most 1). Linear in the length,
 * so comparing a word with every word of 22,000 schools' names takes milliseconds.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  const restA = a.slice(start + 1);
  const restB = b.slice(start + 1);
  if (a.length === b.length) {
    if (restA === restB) return true; // one letter changed
    return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
  }
  // One letter more in the longer word, at `start`.
  return a.length > b.length ? a.slice(start + 1) === b.slice(start) : b.slice(start + 1) === a.slice(start);
}

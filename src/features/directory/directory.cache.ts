/**
 * Searches of the public directory, kept while the directory is unchanged. The directory is read far
 * more than it changes, and the same searches recur (the first page, a school's neighbourhood), so a
 * repeated search costs one tiny read of the directory's version instead of a search and a render.
 * Entries are keyed by that version: any change anywhere (this instance or another) makes them
 * unreachable, and the least recently used are dropped beyond a fixed number.
 */
export class DirectoryCache<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly capacity = 1000) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: moving a hit to the end makes the first entry the least recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

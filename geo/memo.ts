/**
 * A small least-recently-used map: responses and networks are computed once
 * per isolate and reused, the least recently used going first when it is full.
 */
export class Memo<V> {
  private readonly entries = new Map<string, V>();

  /** @param capacity - how many entries to keep before the least recently used goes */
  constructor(private readonly capacity: number) {}

  /**
   * The value for a key, computed by `make` on a miss.
   *
   * @param key - the cache key (include the data version)
   * @param make - computes the value
   * @returns the cached or new value
   * @example
   * memo.get(etag, () => JSON.stringify(collection));
   */
  get(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

/**
 * A small least-recently-used map: responses and networks are computed once
 * per isolate and reused, the least recently used going first when it is full.
 * Full means more entries than its capacity or, when entries are weighed, more
 * weight than its budget (an isolate has 128 MB; a network's JSON is about 0.3 MB).
 */
export class WeighedLru<V> {
  private readonly entries = new Map<string, V>();
  private weight = 0;

  /**
   * @param capacity - how many entries to keep before the least recently used goes
   * @param budget - the most total weight to keep, with `weigh` (for strings: their length)
   * @param weigh - an entry's weight; defaults to 0 (only the capacity counts)
   */
  constructor(
    private readonly capacity: number,
    private readonly budget = Infinity,
    private readonly weigh: (value: V) => number = () => 0,
  ) {}

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
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const value = make();
    this.set(key, value);
    return value;
  }

  /**
   * The value for a key if it is kept (and marks it recently used).
   *
   * @param key - the cache key
   * @returns the value, or undefined
   * @example
   * const body = memo.peek(etag) ?? (await fromEdge());
   */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /**
   * Forgets a key's value (one found stale).
   *
   * @param key - the cache key
   * @example
   * readers.delete(url);
   */
  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.weight -= this.weigh(old);
    this.entries.delete(key);
  }

  /**
   * Keeps a value, letting the least recently used go while over capacity or budget.
   * A value heavier than the whole budget is not kept.
   *
   * @param key - the cache key
   * @param value - the value
   * @example
   * memo.set(etag, body);
   */
  set(key: string, value: V): void {
    const w = this.weigh(value);
    if (w > this.budget) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.weight -= this.weigh(old);
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.weight += w;
    while (this.entries.size > this.capacity || this.weight > this.budget) {
      const [oldest, v] = this.entries.entries().next().value as [string, V];
      this.entries.delete(oldest);
      this.weight -= this.weigh(v);
    }
  }
}

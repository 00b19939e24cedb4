/**
 * A Map with a maximum size that evicts the least recently used entry: mock state stays bounded in memory
 * however many numbers, tokens or verifications a client throws at it.
 *
 * Recency is a doubly linked list beside the Map, so eviction and "mark as used" are O(1). (Evicting through
 * `map.keys().next()` after deleting from the front is not: V8 leaves the deleted slots in the table until
 * the next rehash and the iterator walks over all of them — thousands per request at 50,000 entries.)
 */
interface Entry<K, V> {
  key: K;
  value: V;
  /** Towards the oldest. */
  prev: Entry<K, V> | undefined;
  /** Towards the newest. */
  next: Entry<K, V> | undefined;
}

export class BoundedMap<K, V> {
  private readonly map = new Map<K, Entry<K, V>>();
  private oldest: Entry<K, V> | undefined;
  private newest: Entry<K, V> | undefined;
  evictions = 0;

  constructor(readonly maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
  }

  get size(): number {
    return this.map.size;
  }

  /** Reads an entry and marks it as recently used. */
  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (e !== this.newest) {
      this.unlink(e);
      this.append(e);
    }
    return e.value;
  }

  /** Reads without touching recency. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    const e = this.map.get(key);
    if (e !== undefined) {
      e.value = value;
      if (e !== this.newest) {
        this.unlink(e);
        this.append(e);
      }
      return this;
    }
    const entry: Entry<K, V> = { key, value, prev: undefined, next: undefined };
    this.map.set(key, entry);
    this.append(entry);
    while (this.map.size > this.maxSize) {
      const victim = this.oldest!;
      this.unlink(victim);
      this.map.delete(victim.key);
      this.evictions++;
    }
    return this;
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (e === undefined) return false;
    this.unlink(e);
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.oldest = this.newest = undefined;
  }

  /** Values from the least to the most recently used. */
  *values(): IterableIterator<V> {
    for (let e = this.oldest; e !== undefined; e = e.next) yield e.value;
  }

  /** Entries from the least to the most recently used. */
  *entries(): IterableIterator<[K, V]> {
    for (let e = this.oldest; e !== undefined; e = e.next) yield [e.key, e.value];
  }

  private unlink(e: Entry<K, V>): void {
    if (e.prev) e.prev.next = e.next;
    else this.oldest = e.next;
    if (e.next) e.next.prev = e.prev;
    else this.newest = e.prev;
    e.prev = e.next = undefined;
  }

  private append(e: Entry<K, V>): void {
    e.prev = this.newest;
    e.next = undefined;
    if (this.newest) this.newest.next = e;
    else this.oldest = e;
    this.newest = e;
  }
}

/**
 * A Map with a maximum size that evicts the least recently used entry: mock state stays bounded in memory
 * however many numbers, tokens or verifications a client throws at it.
 *
 * Recency is a doubly linked list over slot numbers (typed arrays beside the key and value arrays), so
 * eviction and "mark as used" are O(1) and an insert allocates nothing once the slots exist: an evicted or
 * deleted entry's slot is reused. (Evicting through `map.keys().next()` after deleting from the front is
 * not O(1): V8 leaves deleted slots in the table until the next rehash and the iterator walks over all of
 * them — thousands per request at 50,000 entries.)
 */
const NONE = -1;

export class BoundedMap<K, V> {
  /** Key -> slot. */
  private readonly index = new Map<K, number>();
  private keys: Array<K | undefined> = [];
  private vals: Array<V | undefined> = [];
  /** Towards the oldest / the newest, by slot; NONE at the ends. */
  private prev = new Int32Array(0);
  private next = new Int32Array(0);
  private oldest = NONE;
  private newest = NONE;
  /** Slots freed by delete(), reused first. */
  private free: number[] = [];
  evictions = 0;

  constructor(readonly maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
  }

  get size(): number {
    return this.index.size;
  }

  /** Reads an entry and marks it as recently used. */
  get(key: K): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    this.touch(slot);
    return this.vals[slot];
  }

  /** Reads without touching recency. */
  peek(key: K): V | undefined {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.vals[slot];
  }

  /**
   * peek(key), and when the key is absent, set(key, value) (a replay guard's "seen before? remember it"):
   * returns the value already there (not touched, not replaced) or undefined.
   */
  peekOrSet(key: K, value: V): V | undefined {
    const slot = this.index.get(key);
    if (slot !== undefined) return this.vals[slot];
    this.insert(key, value);
    return undefined;
  }

  has(key: K): boolean {
    return this.index.has(key);
  }

  set(key: K, value: V): this {
    const found = this.index.get(key);
    if (found !== undefined) {
      this.vals[found] = value;
      this.touch(found);
      return this;
    }
    this.insert(key, value);
    return this;
  }

  /** Adds a key known to be absent (no second look-up), evicting the least recently used entry when full. */
  private insert(key: K, value: V): void {
    let slot: number;
    if (this.index.size >= this.maxSize) {
      // Full: the least recently used entry goes and its slot takes the new one.
      slot = this.oldest;
      this.unlink(slot);
      this.index.delete(this.keys[slot] as K);
      this.evictions++;
    } else {
      slot = this.free.length ? this.free.pop()! : this.grow();
    }
    this.keys[slot] = key;
    this.vals[slot] = value;
    this.index.set(key, slot);
    this.append(slot);
  }

  delete(key: K): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    this.unlink(slot);
    this.index.delete(key);
    this.keys[slot] = undefined;
    this.vals[slot] = undefined;
    this.free.push(slot);
    return true;
  }

  clear(): void {
    this.index.clear();
    this.keys = [];
    this.vals = [];
    this.prev = new Int32Array(0);
    this.next = new Int32Array(0);
    this.free = [];
    this.oldest = this.newest = NONE;
  }

  /** Values from the least to the most recently used. */
  *values(): IterableIterator<V> {
    for (let s = this.oldest; s !== NONE; s = this.next[s]) yield this.vals[s] as V;
  }

  /** Entries from the least to the most recently used. */
  *entries(): IterableIterator<[K, V]> {
    for (let s = this.oldest; s !== NONE; s = this.next[s]) yield [this.keys[s] as K, this.vals[s] as V];
  }

  /** A new slot at the end; the link arrays double as needed, never beyond maxSize. */
  private grow(): number {
    const slot = this.keys.length;
    if (slot >= this.prev.length) {
      const cap = Math.min(this.maxSize, Math.max(16, this.prev.length * 2));
      const prev = new Int32Array(cap);
      const next = new Int32Array(cap);
      prev.set(this.prev);
      next.set(this.next);
      this.prev = prev;
      this.next = next;
    }
    this.keys.push(undefined);
    this.vals.push(undefined);
    return slot;
  }

  private touch(slot: number): void {
    if (slot === this.newest) return;
    this.unlink(slot);
    this.append(slot);
  }

  private unlink(slot: number): void {
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p !== NONE) this.next[p] = n;
    else this.oldest = n;
    if (n !== NONE) this.prev[n] = p;
    else this.newest = p;
  }

  private append(slot: number): void {
    this.prev[slot] = this.newest;
    this.next[slot] = NONE;
    if (this.newest !== NONE) this.next[this.newest] = slot;
    else this.oldest = slot;
    this.newest = slot;
  }
}

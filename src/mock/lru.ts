/**
 * A Map with a maximum size that evicts the least recently used entry: mock state stays bounded in memory
 * however many numbers, tokens or verifications a client throws at it.
 *
 * Recency is a doubly linked list over slot numbers (typed arrays beside the key and value arrays), so
 * eviction and "mark as used" are O(1) and an insert allocates nothing once the slots exist: an evicted or
 * deleted entry's slot is reused. (Evicting through `map.keys().next()` after deleting from the front is
 * not O(1): V8 leaves deleted slots in the table until the next rehash and the iterator walks over all of
 * them — thousands per request at 50,000 entries.)
 *
 * The key -> slot index is never deleted from either: deletes leave V8 a tombstone per entry and a full
 * table copy every few thousand inserts. Instead there are two insert-only index generations: new and
 * re-used keys go into `fresh`; when it holds maxSize keys it becomes `older` and the previous `older` is
 * dropped whole. A slot found through the index counts only while it still holds that key (an evicted
 * entry's slot is reused). Dropping `older` loses no live entry: every key in `fresh` was set or read after
 * anything that is only in `older` and is live or evicted (delete() takes a key out of the index), so
 * with maxSize of them newer, such an entry was already evicted. Only delete() leaves tombstones.
 */
const NONE = -1;

export class BoundedMap<K, V> {
  /** Key -> slot, this generation and the one before (may name slots that no longer hold the key). */
  private fresh = new Map<K, number>();
  private older = new Map<K, number>();
  private count = 0;
  private keys: Array<K | undefined> = [];
  private vals: Array<V | undefined> = [];
  /** Towards the oldest / the newest, by slot; NONE at the ends. */
  private prev = new Int32Array(0);
  private next = new Int32Array(0);
  /** 1 while a slot holds an entry (a key may be undefined itself). */
  private live = new Uint8Array(0);
  private oldest = NONE;
  private newest = NONE;
  /** Slots freed by delete(), reused first. */
  private free: number[] = [];
  evictions = 0;

  constructor(readonly maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
  }

  get size(): number {
    return this.count;
  }

  /** The slot holding `key`, or NONE; `used` (a read or write that makes it the newest) re-indexes an older key. */
  private find(key: K, used: boolean): number {
    const f = this.fresh.get(key);
    if (f !== undefined) return this.live[f] === 1 && this.keys[f] === key ? f : NONE;
    const o = this.older.get(key);
    if (o === undefined || this.live[o] !== 1 || this.keys[o] !== key) return NONE;
    // Used again: its index moves into this generation with its recency, so dropping `older` keeps it.
    if (used) this.index(key, o);
    return o;
  }

  private index(key: K, slot: number): void {
    if (this.fresh.size >= this.maxSize && !this.fresh.has(key)) {
      this.older = this.fresh;
      this.fresh = new Map();
    }
    this.fresh.set(key, slot);
  }

  /** Reads an entry and marks it as recently used. */
  get(key: K): V | undefined {
    const slot = this.find(key, true);
    if (slot === NONE) return undefined;
    this.touch(slot);
    return this.vals[slot];
  }

  /** Reads without touching recency. */
  peek(key: K): V | undefined {
    const slot = this.find(key, false);
    return slot === NONE ? undefined : this.vals[slot];
  }

  has(key: K): boolean {
    return this.find(key, false) !== NONE;
  }

  set(key: K, value: V): this {
    const found = this.find(key, true);
    if (found !== NONE) {
      this.vals[found] = value;
      this.touch(found);
      return this;
    }
    let slot: number;
    if (this.count >= this.maxSize) {
      // Full: the least recently used entry goes and its slot takes the new one.
      slot = this.oldest;
      this.unlink(slot);
      this.evictions++;
      this.count--;
    } else {
      slot = this.free.length ? this.free.pop()! : this.grow();
    }
    this.keys[slot] = key;
    this.vals[slot] = value;
    this.live[slot] = 1;
    this.count++;
    this.index(key, slot);
    this.append(slot);
    return this;
  }

  delete(key: K): boolean {
    const slot = this.find(key, false);
    if (slot === NONE) return false;
    this.unlink(slot);
    // Out of the index too: a generation then only names keys that were live when indexed and were
    // evicted since, if not live (what makes dropping `older` safe).
    this.fresh.delete(key);
    this.older.delete(key);
    this.keys[slot] = undefined;
    this.vals[slot] = undefined;
    this.live[slot] = 0;
    this.count--;
    this.free.push(slot);
    return true;
  }

  clear(): void {
    this.fresh = new Map();
    this.older = new Map();
    this.count = 0;
    this.live = new Uint8Array(0);
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
      const live = new Uint8Array(cap);
      prev.set(this.prev);
      next.set(this.next);
      live.set(this.live);
      this.prev = prev;
      this.next = next;
      this.live = live;
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

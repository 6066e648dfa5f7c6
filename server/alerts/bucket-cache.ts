// Buckets that will not change any more (past weeks' hours and days, minutes long gone by) are
// read once per process instead of once a minute. Late events for them are rare and only
// shift a baseline, so a stale copy costs nothing worth a Redis read per minute.
export class BucketCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  /** Values for every key, fetching the missing ones in one call; only `settled` keys are kept. */
  async getMany(keys: readonly K[], settled: (key: K) => boolean, fetch: (missing: K[]) => Promise<V[]>): Promise<Map<K, V>> {
    const out = new Map<K, V>();
    const missing: K[] = [];
    for (const k of keys) {
      const v = this.entries.get(k);
      if (v === undefined) missing.push(k);
      else out.set(k, v);
    }
    if (missing.length > 0) {
      const values = await fetch(missing);
      missing.forEach((k, i) => {
        const v = values[i];
        if (v === undefined) return;
        out.set(k, v);
        if (settled(k)) this.entries.set(k, v);
      });
      this.evict();
    }
    return out;
  }

  /** Oldest first: a Map iterates in insertion order. */
  private evict(): void {
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(k);
    }
  }
}

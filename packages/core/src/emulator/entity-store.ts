/** An in-memory table for one kind of emulated record, with vendor-style integer ids. */
export class EntityStore<T extends { id: number }> {
  private readonly rows = new Map<number, T>();
  private nextId: number;

  /** @param firstId where ids start; vendors' ids are large numbers, emulators may mimic that. */
  constructor(private readonly firstId = 1) {
    this.nextId = firstId;
  }

  /** Inserts a record, assigning the next id. */
  insert(record: Omit<T, 'id'>): T {
    const row = { ...record, id: this.nextId } as T;
    this.nextId += 1;
    this.rows.set(row.id, row);
    return row;
  }

  /** Inserts a record with its own id (seeding); later ids continue above it. */
  put(record: T): T {
    this.rows.set(record.id, record);
    this.nextId = Math.max(this.nextId, record.id + 1);
    return record;
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  /** Replaces fields of a record; `undefined` when it does not exist. */
  update(id: number, changes: Partial<Omit<T, 'id'>>): T | undefined {
    const current = this.rows.get(id);
    if (!current) return undefined;
    const next = { ...current, ...changes, id } as T;
    this.rows.set(id, next);
    return next;
  }

  delete(id: number): boolean {
    return this.rows.delete(id);
  }

  /** All records in insertion order. */
  all(): T[] {
    return [...this.rows.values()];
  }

  find(predicate: (record: T) => boolean): T | undefined {
    for (const record of this.rows.values()) if (predicate(record)) return record;
    return undefined;
  }

  get size(): number {
    return this.rows.size;
  }

  clear(): void {
    this.rows.clear();
    this.nextId = this.firstId;
  }
}

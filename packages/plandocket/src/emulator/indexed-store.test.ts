import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedStore } from './indexed-store';

interface Row {
  id: number;
  group: number;
  label: string | undefined;
}

const newStore = () =>
  new IndexedStore<Row, 'group' | 'label'>(1, {
    group: (row) => row.group,
    label: (row) => row.label,
  });

/** What the index must answer: the scan it replaces. */
const scan = (store: IndexedStore<Row, 'group' | 'label'>, group: number) =>
  store.all().filter((row) => row.group === group);

type Operation =
  | { kind: 'insert'; group: number; label: string | undefined }
  | { kind: 'put'; id: number; group: number; label: string | undefined }
  | { kind: 'update'; id: number; group: number }
  | { kind: 'delete'; id: number }
  | { kind: 'clear' };

const label = fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), group: fc.nat(3), label }),
  fc.record({
    kind: fc.constant('put' as const),
    id: fc.integer({ min: 1, max: 12 }),
    group: fc.nat(3),
    label,
  }),
  fc.record({
    kind: fc.constant('update' as const),
    id: fc.integer({ min: 1, max: 12 }),
    group: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('clear' as const) }),
);

describe('IndexedStore', () => {
  it('answers every look-up as the scan of all rows would, after any inserts, puts, updates, deletes and clears', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const store = newStore();
        for (const op of operations) {
          if (op.kind === 'insert') store.insert({ group: op.group, label: op.label });
          else if (op.kind === 'put') store.put({ id: op.id, group: op.group, label: op.label });
          else if (op.kind === 'update') store.update(op.id, { group: op.group });
          else if (op.kind === 'delete') store.delete(op.id);
          else store.clear();
          for (let group = 0; group <= 3; group += 1) {
            expect(store.lookup('group', group)).toEqual(scan(store, group));
            expect(store.first('group', group)).toEqual(scan(store, group)[0]);
          }
          for (const text of ['a', 'b', 'c'])
            expect(store.lookup('label', text)).toEqual(
              store.all().filter((row) => row.label === text),
            );
        }
      }),
    );
  });

  it('moves a row to its new key on update and drops it on delete', () => {
    const store = newStore();
    const first = store.insert({ group: 1, label: 'a' });
    const second = store.insert({ group: 1, label: 'b' });
    store.update(first.id, { group: 2 });
    expect(store.lookup('group', 1)).toEqual([second]);
    expect(store.lookup('group', 2)).toEqual([{ ...first, group: 2 }]);
    store.delete(second.id);
    expect(store.lookup('group', 1)).toEqual([]);
    expect(store.first('label', 'b')).toBeUndefined();
    // A row left out of an index (no key) is never found by it.
    store.insert({ group: 3, label: undefined });
    expect(store.lookup('label', 'a')).toEqual([{ ...first, group: 2 }]);
    expect(store.lookup('group', 3)).toHaveLength(1);
  });
});

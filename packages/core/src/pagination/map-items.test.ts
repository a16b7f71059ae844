import { describe, expect, it } from 'vitest';
import { collect } from '../testing/collect';
import { mapItems } from './map-items';

describe('mapItems', () => {
  it('maps lazily and stops the source when the reader stops', async () => {
    let read = 0;
    async function* source() {
      for (let item = 1; item <= 1000; item += 1) {
        read = item;
        yield item;
      }
    }
    for await (const doubled of mapItems(source(), (item) => item * 2)) if (doubled === 6) break;
    expect(read).toBe(3);
    expect(await collect(mapItems(source(), String))).toHaveLength(1000);
  });
});

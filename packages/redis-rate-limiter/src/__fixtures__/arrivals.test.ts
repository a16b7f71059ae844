import { describe, expect, it } from 'vitest';
import { arrivalsWithin, busiestWindow } from './arrivals';

describe('busiestWindow: what a sliding-window vendor counts', () => {
  it('finds the most arrivals in any window, wherever it starts', () => {
    expect(busiestWindow([0, 10, 59_999, 60_000, 60_001, 70_000], 60_000)).toEqual({
      count: 4,
      startsAt: 10,
    });
  });

  it('counts a window as half-open: an arrival exactly one window later is in the next', () => {
    expect(busiestWindow([0, 60_000], 60_000).count).toBe(1);
    expect(busiestWindow([], 60_000).count).toBe(0);
  });

  it('does not depend on the order it is given the arrivals in', () => {
    expect(busiestWindow([60_001, 0, 59_999, 10], 60_000).count).toBe(3);
  });

  it('arrivalsWithin counts one window from a start', () => {
    expect(arrivalsWithin([0, 10, 59_999, 60_000], 0, 60_000)).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { cached } from '../../bridge/bridge-metrics.ts';

describe('the gauges’ shared, time-bounded ledger reads', () => {
  it('one load serves every reader within the window; a failed load is retried on the next read', async () => {
    let loads = 0;
    let fail = false;
    const read = cached(50, async () => {
      loads++;
      if (fail) throw new Error('db down');
      return loads;
    });
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    fail = true;
    await expect(read()).rejects.toThrow('db down');
    fail = false;
    expect(await read()).toBe(3);
  });
});

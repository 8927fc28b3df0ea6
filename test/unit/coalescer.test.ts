import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../platform/service/coalescer.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Coalescer', () => {
  it('sends a lone request at once, then batches what arrives while a batch is out', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = new Coalescer<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((i) => i * 10);
      },
      { maxInFlight: 1, maxBatch: 100 },
    );
    const first = c.submit(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => c.submit(i));
    await tick();
    expect(batches).toEqual([[1]]); // waiting for the one in flight
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatch and keeps arrival order', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>(
      async (items) => {
        batches.push(items);
        await tick();
        return items;
      },
      { maxInFlight: 1, maxBatch: 2 },
    );
    const all = await Promise.all([1, 2, 3, 4, 5].map((i) => c.submit(i)));
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the item whose outcome is an Error, and every item of a batch that throws', async () => {
    let calls = 0;
    const c = new Coalescer<number, number>(
      async (items) => {
        calls++;
        if (calls === 2) throw new Error('connection lost');
        return items.map((i) => (i === 2 ? new Error('lease lost') : i));
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const results = await Promise.allSettled([c.submit(1), c.submit(2), c.submit(3)]);
    // 1 went alone (batch 1); 2 and 3 went together in batch 2, which threw.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('connection lost');
    const again = await Promise.allSettled([c.submit(1), c.submit(2)]);
    expect(again.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((again[1] as PromiseRejectedResult).reason.message).toBe('lease lost');
  });

  it('runs up to maxInFlight batches side by side', async () => {
    let running = 0;
    let peak = 0;
    const c = new Coalescer<number, number>(
      async (items) => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        return items;
      },
      { maxInFlight: 3, maxBatch: 1 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.submit(i)));
    expect(peak).toBe(3);
  });
});

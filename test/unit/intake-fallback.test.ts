import { describe, expect, it } from 'vitest';
import { storeRecords } from '../../bridge/intake/kafka-intake.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import type { InboxRecord } from '../../ledger/inbox/insert-inbox-batch.ts';

const log = createLogger('error', 'test');
const record = (offset: string): InboxRecord => ({
  topic: 't',
  partition: 0,
  offset,
  key: 'k',
  decoded: {
    ok: true,
    size: 10,
    envelope: { eventId: `e-${offset}`, eventType: 'x.v1', occurredAt: '2026-01-01T00:00:00Z', payload: {} },
  },
});
const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe("the intake's per-record fallback", () => {
  it('keeps a record the database refuses for its data as rejected, and stores the others', async () => {
    const stored: InboxRecord[] = [];
    const store = async (batch: InboxRecord[]) => {
      if (batch.some((r) => r.offset === '2' && r.decoded.ok)) throw pgError('22P05');
      stored.push(...batch);
      return batch.length;
    };
    expect(await storeRecords(store, [record('1'), record('2'), record('3')], log)).toBe(3);
    expect(stored.map((r) => [r.offset, r.decoded.ok])).toEqual([
      ['1', true],
      ['2', false],
      ['3', true],
    ]);
  });

  it('never stores a valid record as rejected on a transient database error: the batch fails and is delivered again', async () => {
    const stored: InboxRecord[] = [];
    let calls = 0;
    const store = async (batch: InboxRecord[]) => {
      calls++;
      if (calls === 1) throw pgError('22P05'); // the batch: one bad record somewhere
      if (calls === 3) throw pgError('57P01'); // then the database restarts under the second record
      stored.push(...batch);
      return batch.length;
    };
    await expect(storeRecords(store, [record('1'), record('2'), record('3')], log)).rejects.toThrow('57P01');
    expect(stored.filter((r) => !r.decoded.ok)).toEqual([]);
  });

  it('lets a connection error on the whole batch through (no offset commit)', async () => {
    const store = async () => {
      throw Object.assign(new Error('Connection terminated unexpectedly'), {});
    };
    await expect(storeRecords(store, [record('1')], log)).rejects.toThrow('Connection terminated');
  });
});

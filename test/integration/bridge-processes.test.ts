import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { config, uniqueKey } from './support/engine.ts';
import { deployProjectModels, eventually, pool } from './support/cases.ts';
import { closeProducer, events, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { runSeam, startSeam, type SeamProcess } from '../support/run-seam.ts';
import { launchWorkers, newRegistry } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { operatorTransition } from '../../ledger/operator-actions/operator-transition.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'seam-bridges-'));
const children: SeamProcess[] = [];

function startBridgeProcess(mappingFile: string, name: string): SeamProcess {
  const bridge = startSeam(['bridge'], {
    env: { SEAM_BRIDGE_MAPPING: mappingFile, SEAM_METRICS_PORT: '0', SEAM_BRIDGE_POLL_MS: '100', LOG_LEVEL: 'info', KAFKA_CLIENT_ID: name },
  });
  children.push(bridge);
  return bridge;
}

describe('two bridge processes side by side', () => {
  afterAll(async () => {
    for (const c of children) c.child.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    await closeProducer();
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('share the work and never apply a command twice', async () => {
    await deployProjectModels();
    const mapping = await testMapping();
    const mappingFile = path.join(dir, 'mapping.yaml');
    writeFileSync(mappingFile, stringify(mapping));
    const a = startBridgeProcess(mappingFile, 'seam-a');
    const b = startBridgeProcess(mappingFile, 'seam-b');
    await eventually('both bridges running', async () => a.output().includes('bridge_started') && b.output().includes('bridge_started'), 60_000);
    const workers = launchWorkers({ ...config, workers: { ...config.workers, longPollMs: 1000 } }, newRegistry(), {
      handlers: application.handlers,
      log: createLogger('error', 'two-bridges'),
      pool,
    });
    try {
      const cases = Array.from({ length: 40 }, () => uniqueKey('pair'));
      const starts = cases.map((c) => events.caseAccepted(c));
      // Each start event published twice: the duplicates must not start anything.
      await publish(mapping.topics[0]!, [...starts, ...starts]);
      for (const s of starts) await waitForCommand(s.eventId, 'COMPLETED', 60_000);
      const evidence = cases.map((c) => events.evidenceSubmitted(c));
      await publish(mapping.topics[0]!, evidence);
      for (const e of evidence) await waitForCommand(e.eventId, 'COMPLETED', 60_000);

      const { rows } = await pool.query<{ applied_by: string; n: number }>(
        `select applied_by, count(*)::int as n from integration.process_correlation_command where business_key = any($1) group by applied_by`,
        [cases],
      );
      expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(80); // one command per event, the duplicates absorbed by the inbox
      expect(rows.length).toBe(2); // both processes applied some
      const { rows: instances } = await pool.query<{ n: number }>(
        `select count(*)::int as n from integration.process_instance_registry where business_key = any($1)`,
        [cases],
      );
      expect(instances[0]!.n).toBe(40);
      const perInstance = await pool.query<{ n: number }>(
        // The bridge closes the wait CORRELATED when it records the call; under load the workers' close hook
        // may get there first (MESSAGE_RECEIVED). Either way: one closed wait per case, none left open.
        `select count(*)::int as n from integration.process_wait_subscription where business_key = any($1) and message_name = 'MSG_EVIDENCE_SUBMITTED' and status = 'CLOSED' and close_reason in ('CORRELATED', 'MESSAGE_RECEIVED')`,
        [cases],
      );
      expect(perInstance.rows[0]!.n).toBe(40);
    } finally {
      await workers.shutdown();
    }
  }, 180_000);

  it('records every operator action, and refuses moves from states it may not touch', async () => {
    const mapping = await testMapping();
    const evidence = events.evidenceSubmitted(uniqueKey('ops'));
    await publish(mapping.topics[0]!, [evidence]);
    const mappingFile = path.join(dir, 'ops-mapping.yaml');
    writeFileSync(mappingFile, stringify(mapping));
    startBridgeProcess(mappingFile, 'seam-ops');
    const buffered = await waitForCommand(evidence.eventId, 'BUFFERED', 60_000);
    const run = (...args: string[]) => runSeam(['ops', ...args]);
    expect((await run('quarantine', buffered.command_id, '--reason', 'holding for the data fix', '--by', 'alice')).output).toContain('BUFFERED → QUARANTINED');
    expect(await run('quarantine', buffered.command_id, '--reason', 'again')).toMatchObject({ code: 1 });
    expect(await run('ignore', buffered.command_id)).toMatchObject({ code: 2 }); // no reason given
    expect((await run('ignore', buffered.command_id, '--reason', 'case withdrawn', '--by', 'bob')).output).toContain('QUARANTINED → IGNORED');
    expect(await operatorTransition(pool, buffered.command_id, 'QUARANTINE', 'carol', 'not from IGNORED')).toBeUndefined();
    const { rows } = await pool.query(
      `select action, actor, reason, from_status, to_status from integration.operator_action where command_id = $1 order by action_id`,
      [buffered.command_id],
    );
    expect(rows).toEqual([
      { action: 'QUARANTINE', actor: 'alice', reason: 'holding for the data fix', from_status: 'BUFFERED', to_status: 'QUARANTINED' },
      { action: 'IGNORE', actor: 'bob', reason: 'case withdrawn', from_status: 'QUARANTINED', to_status: 'IGNORED' },
    ]);
    const timeline = await run('case', buffered.business_key);
    expect(timeline.output).toMatch(/operator\s+alice QUARANTINE/);
    expect(timeline.output).toMatch(/operator\s+bob IGNORE/);
  }, 120_000);
});

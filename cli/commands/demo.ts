import { parseArgs } from 'node:util';
import { Partitioners } from 'kafkajs';
import type { Command } from './index.ts';
import { CliError } from '../cli-error.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { createEngineClient } from '../../platform/engine/client.ts';
import { createKafka } from '../../platform/kafka/create-kafka.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { application } from '../application.ts';
import { loadMappingFile } from '../../bridge/mapping/load-mapping.ts';
import { scenarios, type DemoOutcome } from '../../apps/regulatory-case/demo/demo-scenarios.ts';

const help = `usage: seam demo [--only name,name] [--timeout-ms N]

Publishes a scenario of events to the bridge's topic and prints what happened to each case:
${Object.keys(scenarios).join(', ')}. Needs \`seam run\` (bridge + workers) running.`;

export const demoCommand: Command = {
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { only: { type: 'string' }, 'timeout-ms': { type: 'string', default: '60000' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      process.stdout.write(help + '\n');
      return 0;
    }
    const chosen = values.only ? values.only.split(',') : Object.keys(scenarios);
    const unknown = chosen.filter((s) => !(s in scenarios));
    if (unknown.length) throw new CliError(`unknown scenario(s) ${unknown.join(', ')}; choose from ${Object.keys(scenarios).join(', ')}`, 2);
    const config = loadConfigOrFail();
    const mapping = loadMappingFile(config.bridge.mappingFile ?? application.mappingFile);
    const topic = mapping.topics[0]!;
    const db = createPool(config.databaseUrl, 4, { statementTimeoutMs: config.db.statementTimeoutMs });
    const producer = createKafka(config.kafka, createLogger('error', 'demo'), '-demo').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const ctx = {
      db,
      engine: createEngineClient(config.engine),
      timeoutMs: Number(values['timeout-ms']),
      send: async (values: (string | object)[], key: string) => {
        await producer.send({ topic, messages: values.map((v) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) })) });
      },
    };
    try {
      process.stdout.write(`publishing to ${topic}: ${chosen.join(', ')}\n\n`);
      const outcomes: DemoOutcome[] = (await Promise.all(chosen.map((name) => scenarios[name]!(ctx)))).flat();
      const width = Math.max(...outcomes.map((o) => o.scenario.length));
      for (const o of outcomes) {
        process.stdout.write(
          `${o.ok ? 'ok  ' : 'FAIL'} ${o.scenario.padEnd(width)}  expected ${o.expected.padEnd(44)} observed ${o.observed}   (case ${o.caseId})\n`,
        );
      }
      const failed = outcomes.filter((o) => !o.ok).length;
      process.stdout.write(`\n${outcomes.length - failed} of ${outcomes.length} outcomes as the policy says${failed ? '; is `seam run` running?' : ''}\n`);
      process.stdout.write('look closer: npx seam ops case <case>\n');
      return failed ? 1 : 0;
    } finally {
      await producer.disconnect();
      await db.end();
    }
  },
};

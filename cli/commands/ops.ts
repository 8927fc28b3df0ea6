import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import type { Command } from './index.ts';
import { CliError } from '../cli-error.ts';
import { helpOrUnknownSubcommand } from '../subcommand-help.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { createEngineClient } from '../../platform/engine/client.ts';
import { caseTimeline } from '../../ledger/read-models/case-timeline.ts';
import { allowedFrom, operatorTransition, type OperatorAction } from '../../ledger/operator-actions/operator-transition.ts';

const help = `usage: seam ops <subcommand>

  list [--status S] [--process KEY] [--limit N]   commands, newest first (S: PENDING, BUFFERED, QUARANTINED, …)
  case <businessKey>                              one case's timeline: inbox → commands → shadows → engine now
  requeue <commandId> --reason "…" [--by WHO]     back to PENDING with fresh attempts (from ${allowedFrom.REQUEUE.join(', ')})
  ignore <commandId> --reason "…" [--by WHO]      never apply it (from ${allowedFrom.IGNORE.join(', ')})
  quarantine <commandId> --reason "…" [--by WHO]  hold it for a person (from ${allowedFrom.QUARANTINE.join(', ')})

Every requeue, ignore and quarantine is recorded in integration.operator_action (who, when, why).`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED', 'COMPLETED', 'QUARANTINED', 'IGNORED'];

const iso = (d: Date | null) => (d ? new Date(d).toISOString().replace('.000', '') : '');

export const opsCommand: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h') return helpOrUnknownSubcommand(sub, help);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        status: { type: 'string' },
        process: { type: 'string' },
        limit: { type: 'string', default: '50' },
        reason: { type: 'string' },
        by: { type: 'string' },
      },
    });
    const config = loadConfigOrFail();
    const db = createPool(config.databaseUrl, 2);
    try {
      switch (sub) {
        case 'list': {
          const status = values.status?.toUpperCase();
          if (status && !STATUSES.includes(status)) throw new CliError(`--status must be one of ${STATUSES.join(', ')}; got "${values.status}"`, 2);
          const limit = Number(values.limit);
          if (!Number.isInteger(limit) || limit <= 0) throw new CliError(`--limit must be a positive whole number; got "${values.limit}"`, 2);
          const { rows } = await db.query(
            `select command_id, status, command_type, process_key, message_name, business_key, attempt_count, coalesce(resolution, reason_code, '') as why, updated_at
               from integration.process_correlation_command
              where ($1::text is null or status = $1) and ($2::text is null or process_key = $2)
              order by updated_at desc limit $3`,
            [status ?? null, values.process ?? null, limit],
          );
          process.stdout.write(
            `${'command'.padEnd(36)}  ${'status'.padEnd(13)} ${'type'.padEnd(17)} ${'message'.padEnd(26)} ${'business key'.padEnd(24)} att  ${'why'.padEnd(28)} updated\n`,
          );
          for (const r of rows)
            process.stdout.write(
              `${r.command_id}  ${r.status.padEnd(13)} ${r.command_type.padEnd(17)} ${r.message_name.padEnd(26)} ${String(r.business_key).slice(0, 24).padEnd(24)} ${String(r.attempt_count).padStart(3)}  ${String(r.why).padEnd(28)} ${iso(r.updated_at)}\n`,
            );
          process.stdout.write(`${rows.length} command(s)\n`);
          return 0;
        }
        case 'case': {
          const [businessKey] = positionals;
          if (!businessKey) throw new CliError('usage: seam ops case <businessKey>', 2);
          const { entries, engineNote } = await caseTimeline(db, createEngineClient(config.engine), businessKey);
          if (entries.length === 0) throw new CliError(`nothing is known about business key "${businessKey}"`);
          for (const e of entries) process.stdout.write(`${iso(e.at).padEnd(21)} ${e.stage.padEnd(10)} ${e.what}\n`);
          if (engineNote) process.stdout.write(`(${engineNote})\n`);
          return 0;
        }
        case 'requeue':
        case 'ignore':
        case 'quarantine': {
          const [commandId] = positionals;
          if (!commandId || !UUID.test(commandId)) throw new CliError(`usage: seam ops ${sub} <commandId> --reason "…" (commandId is a UUID)`, 2);
          if (!values.reason?.trim()) throw new CliError(`--reason is required: every operator action records why`, 2);
          const actor = values.by ?? process.env.SEAM_OPERATOR ?? userInfo().username;
          const action = sub.toUpperCase() as OperatorAction;
          const result = await operatorTransition(db, commandId, action, actor, values.reason.trim());
          if (!result) {
            const { rows } = await db.query(`select status from integration.process_correlation_command where command_id = $1`, [commandId]);
            throw new CliError(
              rows[0] ? `command ${commandId} is ${rows[0].status}; ${sub} works from ${allowedFrom[action].join(', ')}` : `no command ${commandId}`,
            );
          }
          if (action === 'REQUEUE') await db.query(`select pg_notify('seam_commands', '')`);
          process.stdout.write(`${commandId}: ${result.from_status} → ${result.to_status} (operator action ${result.action_id} by ${actor})\n`);
          return 0;
        }
        default:
          return helpOrUnknownSubcommand(sub, help);
      }
    } finally {
      await db.end();
    }
  },
};

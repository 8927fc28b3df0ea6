import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import type { Command } from './index.ts';
import { CliError } from '../cli-error.ts';
import { helpOrUnknownSubcommand } from '../subcommand-help.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { createEngineClient } from '../../platform/engine/client.ts';
import { caseTimeline } from '../../ledger/read-models/case-timeline.ts';
import { pruneLedger } from '../../ledger/retention/prune.ts';
import { operatorTransition } from '../../ledger/operator-actions/operator-transition.ts';
import { commandStatus, listCommands } from '../../ledger/read-models/command-list.ts';
import { COMMAND_STATUSES, isOneOf, OPERATOR_ALLOWED_FROM as allowedFrom, type OperatorAction } from '../../ledger/states.ts';
import { CHANNELS, notify } from '../../ledger/notify/channels.ts';

const help = `usage: seam ops <subcommand>

  list [--status S] [--process KEY] [--limit N]   commands, newest first (S: PENDING, BUFFERED, QUARANTINED, …)
  case <businessKey>                              one case's timeline: inbox → commands → shadows → engine now
  requeue <commandId> --reason "…" [--by WHO]     back to PENDING with fresh attempts (from ${allowedFrom.REQUEUE.join(', ')})
  ignore <commandId> --reason "…" [--by WHO]      never apply it (from ${allowedFrom.IGNORE.join(', ')})
  quarantine <commandId> --reason "…" [--by WHO]  hold it for a person (from ${allowedFrom.QUARANTINE.join(', ')})
  prune                                           delete terminal rows past their retention (SEAM_RETENTION_*_DAYS) now

Every requeue, ignore and quarantine is recorded in integration.operator_action (who, when, why).`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    const db = createPool(config.databaseUrl, 2, { statementTimeoutMs: config.db.statementTimeoutMs });
    try {
      switch (sub) {
        case 'list': {
          const wanted = values.status?.toUpperCase();
          if (wanted !== undefined && !isOneOf(COMMAND_STATUSES, wanted))
            throw new CliError(`--status must be one of ${COMMAND_STATUSES.join(', ')}; got "${values.status}"`, 2);
          const status = wanted;
          const limit = Number(values.limit);
          if (!Number.isInteger(limit) || limit <= 0) throw new CliError(`--limit must be a positive whole number; got "${values.limit}"`, 2);
          const rows = await listCommands(db, { status: status ?? null, processKey: values.process ?? null, limit });
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
        case 'prune': {
          const report = await pruneLedger(db, config.retention.days);
          if (!report) throw new CliError('another process is pruning the ledger right now; try again later');
          for (const [table, n] of Object.entries(report))
            process.stdout.write(`${table.padEnd(16)} ${n} deleted (older than ${config.retention.days[table as keyof typeof report] || '∞'} days)\n`);
          return 0;
        }
        case 'case': {
          const [businessKey] = positionals;
          if (!businessKey) throw new CliError('usage: seam ops case <businessKey>', 2);
          const { entries, engineNote } = await caseTimeline(db, createEngineClient(config.engine), businessKey);
          if (entries.length === 0) throw new CliError(`nothing is known about business key "${businessKey}"`);
          // A tenant column only when some row has one: one business key may be a case in several tenants.
          const tenanted = entries.some((e) => e.tenant !== null);
          for (const e of entries) {
            const tenant = tenanted ? `${(e.tenant ?? '(none)').padEnd(12)} ` : '';
            process.stdout.write(`${iso(e.at).padEnd(21)} ${tenant}${e.stage.padEnd(10)} ${e.what}\n`);
          }
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
            const current = await commandStatus(db, commandId);
            throw new CliError(current ? `command ${commandId} is ${current}; ${sub} works from ${allowedFrom[action].join(', ')}` : `no command ${commandId}`);
          }
          if (action === 'REQUEUE') await notify(db, CHANNELS.commands);
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

import type { Command } from './index.ts';
import { helpOrUnknownSubcommand } from '../subcommand-help.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { migrate, migrationStatus } from '../../ledger/migrate.ts';
import { databaseName, ensureDatabase } from '../../platform/db/create-database.ts';

const help = `usage: seam db <migrate|status>

  migrate   create Seam's database if missing and apply pending migrations (idempotent)
  status    list applied and pending migrations`;

export const dbCommand: Command = {
  async run([sub]) {
    const config = sub === 'migrate' || sub === 'status' ? loadConfigOrFail() : undefined;
    switch (sub) {
      case 'migrate': {
        await ensureDatabase(config!.databaseUrl, databaseName(config!.databaseUrl));
        const applied = await migrate(config!.databaseUrl);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date; nothing to apply\n');
        return 0;
      }
      case 'status': {
        const status = await migrationStatus(config!.databaseUrl);
        if (status.preConsolidation)
          process.stdout.write('pre-consolidation schema: the next `seam db migrate` rebuilds the integration and casework schemas once\n');
        for (const m of status.applied) process.stdout.write(`applied  ${m.name}${m.executedAt ? `  ${new Date(m.executedAt).toISOString()}` : ''}\n`);
        for (const name of status.pending) process.stdout.write(`pending  ${name}\n`);
        return 0;
      }
      default:
        return helpOrUnknownSubcommand(sub, help);
    }
  },
};

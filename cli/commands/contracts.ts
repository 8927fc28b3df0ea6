import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import type { Command } from './index.ts';
import { ContractFileError } from '../../modeling/contracts/load-contract.ts';
import { buildContractsReport } from '../../modeling/contracts/report.ts';
import { formatMarkdown } from '../../modeling/contracts/report-markdown.ts';
import { gitRefPairs, processDirs, ReportInputError, workingTreePairs } from '../../modeling/contracts/report-sources.ts';

const help = `usage: seam contracts [paths...] [--from REF [--to REF]] [--format md|json]

Every event of each process (kind, element, scope, interrupting, correlation, late policy, owner:
the model's event summary joined with contract.yaml) and what changed between two versions, each
change marked breaking or not. Paths are process folders or model files (default: processes/*).

  (no refs)     the latest vN.bpmn of each folder against v(N-1).bpmn, in the working tree
  --from REF    the latest version at git ref REF ...
  --to REF      ... against the latest version at REF (default: the working tree)
  --format md|json   Markdown tables for a code review (default), or JSON`;

export const contractsCommand: Command = {
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'md' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(help + '\n');
      return 0;
    }
    if (values.format !== 'md' && values.format !== 'json') throw new CliError(`unknown --format '${values.format}' (md or json)`, 2);
    if (values.to !== undefined && values.from === undefined) throw new CliError('--to needs --from', 2);

    const cwd = process.cwd();
    let report;
    try {
      const refs = [values.from, values.to].filter((ref): ref is string => ref !== undefined);
      const dirs = await processDirs(positionals, cwd, refs);
      const pairs = values.from === undefined ? await workingTreePairs(dirs, cwd) : await gitRefPairs(dirs, cwd, values.from, values.to ?? null);
      if (pairs.length === 0) throw new ReportInputError(`no vN.bpmn models in ${positionals.length ? positionals.join(', ') : 'processes/'}`);
      report = await buildContractsReport(pairs);
    } catch (err) {
      if (err instanceof ReportInputError || err instanceof ContractFileError) throw new CliError(err.message);
      throw err;
    }
    process.stdout.write(values.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatMarkdown(report));
    return 0;
  },
};

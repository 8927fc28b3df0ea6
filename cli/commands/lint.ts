import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import type { Command } from './index.ts';
import { BaselineError, type BaselineSource, type DeployedXmlLoader } from '../../modeling/lint/baseline.ts';
import { LintInputError } from '../../modeling/lint/discover-models.ts';
import { exitCodeOf } from '../../modeling/lint/findings.ts';
import { formatJson } from '../../modeling/lint/format-json.ts';
import { formatSarif } from '../../modeling/lint/format-sarif.ts';
import { formatTable } from '../../modeling/lint/format-table.ts';
import { lintFiles } from '../../modeling/lint/lint-files.ts';

const FORMATS = { table: formatTable, json: formatJson, sarif: formatSarif } as const;

const help = `usage: seam lint [paths...] [options]

Lints BPMN models with .bpmnlintrc (bpmnlint:recommended + plugin:seam/recommended + plugin:seam/bridge), each against
its event contract, compatibility list and previous version. Default paths: processes/.

  --baseline FILE|engine   compare with FILE, or with the latest definition deployed in the engine
                           (default: v(N-1).bpmn beside each vN.bpmn)
  --format table|json|sarif
  --max-warnings N         fail when there are more than N warnings
  --config FILE            bpmnlint configuration (default: .bpmnlintrc)

Folders are searched for *.bpmn and *.bpmn20.xml. A seam.lint.disable extension property (on an
element, a process or bpmn:definitions) lists rules not to apply there; such findings are shown
as suppressed and not counted.

Exit code 1 on any error, or on more warnings than --max-warnings; 3 when a rule threw on a model
(reported as rule-error: that rule's findings are unknown).`;

export const lintCommand: Command = {
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        baseline: { type: 'string' },
        format: { type: 'string', default: 'table' },
        'max-warnings': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(help + '\n');
      return 0;
    }
    const format = values.format as keyof typeof FORMATS;
    if (!(format in FORMATS)) throw new CliError(`unknown --format '${values.format}' (table, json or sarif)`, 2);
    const maxWarnings = parseMaxWarnings(values['max-warnings']);
    const baseline = parseBaseline(values.baseline);

    let report;
    try {
      report = await lintFiles({
        paths: positionals,
        baseline,
        configPath: values.config,
        loadDeployedXml: baseline.kind === 'engine' ? await engineLoader() : undefined,
      });
    } catch (err) {
      if (err instanceof LintInputError || err instanceof BaselineError) throw new CliError(err.message);
      throw err;
    }

    process.stdout.write(FORMATS[format](report));
    const code = exitCodeOf(report);
    if (code !== 0) return code;
    if (maxWarnings !== null && report.warningCount > maxWarnings) {
      process.stderr.write(`seam lint: ${report.warningCount} warning(s), more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  },
};

function parseMaxWarnings(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new CliError(`--max-warnings needs a number, got '${value}'`, 2);
  return Number(value);
}

function parseBaseline(value: string | undefined): BaselineSource {
  if (value === undefined) return { kind: 'previous' };
  return value === 'engine' ? { kind: 'engine' } : { kind: 'file', path: value };
}

/** The engine client is loaded only for `--baseline engine`, so linting never needs engine settings. */
async function engineLoader(): Promise<DeployedXmlLoader> {
  const { loadConfig } = await import('../../platform/config.ts');
  const { createEngineClient } = await import('../../platform/engine/client.ts');
  const client = createEngineClient(loadConfig().engine);
  return (processKey) => client.getLatestDefinitionXml(processKey);
}

import { parseArgs } from 'node:util';
import type { Command } from './index.ts';
import { envSchema, repoRoot } from '../../platform/config.ts';
import { loadConfigOrFail } from '../load-config.ts';

/** The default of a schema field, shown as the environment would spell it. */
function defaultOf(field: unknown): string {
  const def = (field as { def?: { type?: string; defaultValue?: unknown } }).def;
  if (def?.type !== 'default') return '';
  const value = def.defaultValue;
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return text.startsWith(repoRoot) ? text.replace(repoRoot, '<repo>') : text;
}

export const configCommand: Command = {
  async run(args) {
    const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false } } });
    if (values.check) {
      loadConfigOrFail();
      process.stdout.write('configuration is valid\n');
      return 0;
    }
    const rows = Object.entries(envSchema.shape).map(([name, field]) => [name, defaultOf(field), field.description ?? '']);
    if (values.markdown) {
      process.stdout.write('| variable | default | meaning |\n| --- | --- | --- |\n');
      for (const [name, def, meaning] of rows) process.stdout.write(`| \`${name}\` | ${def ? `\`${def}\`` : '(unset)'} | ${meaning} |\n`);
    } else {
      for (const [name, def, meaning] of rows) process.stdout.write(`${name!.padEnd(22)} ${(def || '(unset)').padEnd(42)} ${meaning}\n`);
    }
    return 0;
  },
};

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as states from '../../ledger/states.ts';
import { CHANNELS } from '../../ledger/notify/channels.ts';
import { SCHEMA } from '../../ledger/schema.ts';

const doc = readFileSync(new URL('../../docs/state-machines.md', import.meta.url), 'utf8');

/** Each `<!-- closed-set: NAME -->` marker and the table right below it, as rows of cells. */
function markedTables(markdown: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const m of markdown.matchAll(/<!-- closed-set: (\w+) -->\n((?:\|.*\|\n?)+)/g)) {
    const rows = m[2]!
      .trim()
      .split('\n')
      .slice(2) // header and separator
      .map((line) =>
        line
          .slice(1, -1)
          .split('|')
          .map((cell) => cell.trim()),
      );
    tables.set(m[1]!, rows);
  }
  return tables;
}

const codeOf = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1] ?? `(not a code: ${cell})`;

const sets: Record<string, readonly string[]> = {
  INBOX_STATUSES: states.INBOX_STATUSES,
  INBOX_REASON_CODES: states.INBOX_REASON_CODES,
  COMMAND_STATUSES: states.COMMAND_STATUSES,
  COMMAND_TYPES: states.COMMAND_TYPES,
  COMMAND_RESOLUTIONS: states.COMMAND_RESOLUTIONS,
  COMMAND_REASON_CODES: states.COMMAND_REASON_CODES,
  SHADOW_STATUSES: states.SHADOW_STATUSES,
  SHADOW_CLOSE_REASONS: states.SHADOW_CLOSE_REASONS,
  REGISTRY_STATES: states.REGISTRY_STATES,
  REGISTERED_BY: states.REGISTERED_BY,
  LATE_EVENT_DISPOSITIONS: states.LATE_EVENT_DISPOSITIONS,
  OPERATOR_ACTIONS: states.OPERATOR_ACTIONS,
  CHANNELS: Object.values(CHANNELS),
};

describe('docs/state-machines.md against ledger/states.ts', () => {
  const tables = markedTables(doc);

  it('documents every closed set, and only those', () => {
    expect([...tables.keys()].sort()).toEqual(Object.keys(sets).sort());
  });

  it.each(Object.entries(sets))('%s: the table lists exactly the set, in its order', (name, values) => {
    expect(tables.get(name)?.map((row) => codeOf(row[0]!))).toEqual([...values]);
  });

  it('operator actions start from the states the ledger allows', () => {
    const rows = tables.get('OPERATOR_ACTIONS')!;
    for (const row of rows) {
      const action = codeOf(row[0]!) as states.OperatorAction;
      expect(
        row[1]!.split(',').map((s) => s.trim()),
        action,
      ).toEqual([...states.OPERATOR_ALLOWED_FROM[action]]);
    }
  });

  it('names each table by its schema', () => {
    for (const table of doc.matchAll(/\(`(\w+)\.(\w+)`\)/g)) expect(table[1]).toBe(SCHEMA);
  });
});

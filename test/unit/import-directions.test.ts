import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The repository's own eslint.config.js, linting files that exist only in memory (so without type information).
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The rule ids and messages ESLint reports for `code` placed at `file`. */
async function problems(file: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('import directions (eslint.config.js)', () => {
  it('fails a bridge module that imports workers/', async () => {
    const found = await problems('bridge/probe.ts', `import { startWorkers } from '../workers/runtime/worker-runtime.ts';\nexport const s = startWorkers;\n`);
    expect(found).toEqual([{ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('bridge/ imports only ledger/ and platform/') }]);
  });

  it('fails platform/ importing the product and generic code importing the application or the dev stack', async () => {
    expect(
      (await problems('platform/probe.ts', `import { releaseCommand } from '../ledger/commands/release.ts';\nexport const r = releaseCommand;\n`)).map(
        (p) => p.rule,
      ),
    ).toEqual(['import-x/no-restricted-paths']);
    const fromWorkers = await problems(
      'workers/probe.ts',
      `import * as demo from '../apps/regulatory-case/demo/demo-scenarios.ts';\nimport * as pg from '../stack/control/postgres.ts';\nexport const d = [demo, pg];\n`,
    );
    expect(fromWorkers.map((p) => p.message)).toEqual([
      expect.stringContaining('workers/ imports only ledger/ and platform/'),
      expect.stringContaining('generic code never imports an application'),
      expect.stringContaining('workers/ imports only ledger/ and platform/'),
      expect.stringContaining('the local dev stack is reached only from cli/'),
    ]);
  });

  it('allows the arrows the layout permits', async () => {
    expect(await problems('bridge/probe.ts', `import { releaseCommand } from '../ledger/commands/release.ts';\nexport const r = releaseCommand;\n`)).toEqual(
      [],
    );
    expect(await problems('cli/probe.ts', `import * as demo from '../apps/regulatory-case/demo/demo-scenarios.ts';\nexport const d = demo;\n`)).toEqual([]);
  });

  it('keeps the raw engine transport out of product code', async () => {
    const found = await problems(
      'workers/probe.ts',
      `import { createRawEngineClient } from '../platform/engine/raw-client.ts';\nexport const c = createRawEngineClient;\n`,
    );
    expect(found).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('named EngineClient method') }]);
  });
});

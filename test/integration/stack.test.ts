import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { engineKinds, loadConfig } from '../../platform/config.ts';
import { engineSpecs } from '../../stack/control/engines.ts';
import { ensurePostgres, stopPostgres } from '../../stack/control/postgres.ts';
import { postgresAnswers } from '../../platform/db/create-database.ts';
import { ensureStackDirs, stackLayout } from '../../stack/control/layout.ts';
import { runningPid } from '../../stack/control/daemon.ts';
import { runSeam } from '../support/run-seam.ts';

/** Runs `seam <args>`, which must succeed. */
async function seam(...args: string[]) {
  const run = await runSeam(args);
  expect(run.code, run.output).toBe(0);
  return run;
}

const config = loadConfig();
const expected = engineSpecs[config.engine.kind];

/** A port nobody listens on, for a PostgreSQL that must be started privately. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('seam stack', () => {
  it('finds everything up on a second `stack up` and returns quickly', async () => {
    const { stdout } = await seam('stack', 'up');
    expect(stdout).not.toMatch(/started in|FAILED/);
    expect(stdout).toMatch(/^engine\s+already running/m);
    expect(stdout).toMatch(/^kafka\s+already running/m);
    expect(stdout).toContain(`(${expected.product} ${expected.version})`);
    const seconds = Number(/stack up in ([\d.]+) s/.exec(stdout)?.[1]);
    expect(seconds).toBeLessThan(30); // loose: proves nothing was started, not a speed target
  });

  it('reports every part up in `stack status`', async () => {
    const { stdout } = await seam('stack', 'status');
    for (const part of ['postgres', 'kafka', 'engine']) expect(stdout).toMatch(new RegExp(`^${part}\\s+up`, 'm'));
    expect(stdout).toMatch(
      new RegExp(`^engine .*\\(${expected.product} ${expected.version.replaceAll('.', '\\.')}, database ${config.engine.databaseName}\\)`, 'm'),
    );
  });

  it('refuses to bring up the other engine where this one answers, so their databases never mix', async () => {
    const other = engineKinds.find((k) => k !== config.engine.kind)!;
    const failed = await runSeam(['stack', 'up'], { env: { SEAM_ENGINE: other, CAMUNDA_REST_URL: config.engine.restUrl } });
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/^engine\s+FAILED/m);
    expect(failed?.stdout).toContain(`${expected.product} ${expected.version} answers at ${config.engine.restUrl}, but SEAM_ENGINE=${other}`);
  });

  describe('on a machine where no PostgreSQL answers', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'seam-home-'));
    const layout = stackLayout(home);
    afterAll(async () => {
      await stopPostgres(layout);
      rmSync(home, { recursive: true, force: true });
    });

    it('starts a private cluster from the installed binaries, and stops only that', async () => {
      chmodSync(home, 0o755); // the server runs as the postgres user, which must reach its data folder
      ensureStackDirs(layout);
      const url = `postgres://postgres@127.0.0.1:${await freePort()}/seam`;
      expect(await postgresAnswers(url, 1000)).toBe(false);
      const outcome = await ensurePostgres(layout, url);
      expect(outcome.state).toBe('started');
      expect(await postgresAnswers(url)).toBe(true);
      expect(runningPid(layout.runDir, 'postgres')).toBeTypeOf('number');
      expect((await ensurePostgres(layout, url)).state).toBe('running');
      expect(await stopPostgres(layout)).toBe(true);
      expect(await postgresAnswers(url, 1000)).toBe(false);
    }, 120_000);
  });
});

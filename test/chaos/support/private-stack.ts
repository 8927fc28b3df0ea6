import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../../platform/config.ts';
import { ensureDatabase } from '../../../platform/db/create-database.ts';
import { migrate } from '../../../ledger/migrate.ts';
import { stackLayout, ensureStackDirs, type StackLayout } from '../../../stack/control/layout.ts';
import { ensurePostgres, stopPostgres } from '../../../stack/control/postgres.ts';
import { ensureKafka, stopKafka } from '../../../stack/control/kafka.ts';
import { runningPid } from '../../../stack/control/daemon.ts';

/** A free TCP port on loopback (and, for Kafka, the one above it for its controller). */
export async function freePort(pair = false): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    if (!pair) return port;
    const next = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port + 1, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (next) return port;
  }
}

/**
 * The chaos suite's own PostgreSQL cluster and Kafka broker, under their own SEAM_HOME, on free ports:
 * it restarts and kills these, never the shared stack. The engine stays shared (outages go through the
 * fault proxy in front of it).
 */
export class PrivateStack {
  readonly layout: StackLayout;
  databaseUrl = '';
  brokers: string[] = [];

  constructor(readonly home: string) {
    this.layout = stackLayout(home);
    // The cluster runs as the postgres user when we are root: it must be able to reach its data folder.
    chmodSync(home, 0o755);
    ensureStackDirs(this.layout);
  }

  async startPostgres(): Promise<void> {
    if (!this.databaseUrl) this.databaseUrl = `postgres://postgres@127.0.0.1:${await freePort()}/seam_chaos`;
    await ensurePostgres(this.layout, this.databaseUrl);
    await ensureDatabase(this.databaseUrl, 'seam_chaos');
    await migrate(this.databaseUrl);
  }

  /** A fast shutdown (every session terminated) and start again: what `pg_ctlcluster restart -m fast` does. */
  async restartPostgres(downMs: number): Promise<void> {
    await stopPostgres(this.layout);
    await new Promise((r) => setTimeout(r, downMs));
    await ensurePostgres(this.layout, this.databaseUrl);
  }

  async startKafka(): Promise<void> {
    if (this.brokers.length === 0) this.brokers = [`127.0.0.1:${await freePort(true)}`];
    await ensureKafka(this.layout, this.brokers);
  }

  /** kill -9 of the broker, then a start on the same data. */
  async killKafka(downMs: number): Promise<void> {
    const pid = runningPid(this.layout.runDir, 'kafka');
    if (pid) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, downMs));
    await this.startKafka();
  }

  async stop(): Promise<void> {
    await stopKafka(this.layout).catch(() => undefined);
    await stopPostgres(this.layout).catch(() => undefined);
  }
}

/** A `seam run` subprocess; counts how it ended, so a crash (an exit nobody asked for) is seen. */
export class SeamProcess {
  private child: ChildProcess | undefined;
  starts = 0;
  kills = 0;
  unexpectedExits: string[] = [];
  /** The fault points this process was started armed for, and those it died at. */
  armedPoints: string[] = [];
  faultPointKills: string[] = [];
  private readonly logFile: string;
  /** The running process's metrics base URL (it listens on a free port), from its start-up line. */
  metricsUrl: string | undefined;

  constructor(
    private readonly env: Record<string, string>,
    logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.logFile = path.join(logDir, 'seam-run.log');
  }

  start(extraEnv: Record<string, string> = {}): void {
    const out = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [path.join(repoRoot, 'cli', 'seam.js'), 'run'], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    this.metricsUrl = undefined;
    child.stderr!.on('data', (chunk: Buffer) => {
      const url = /metrics (http:\/\/\S+)\/metrics/.exec(chunk.toString())?.[1];
      if (url && this.child === child) this.metricsUrl = url;
    });
    this.starts++;
    const killedOnPurpose = () => (child as ChildProcess & { onPurpose?: boolean }).onPurpose === true;
    const armedAt = extraEnv.SEAM_FAULT_KILL_AT?.split(':')[0];
    if (armedAt) this.armedPoints.push(armedAt);
    child.on('exit', (code, signal) => {
      // A fault point kills with SIGKILL from inside: that is ours too.
      if (!killedOnPurpose() && signal === 'SIGKILL' && armedAt) this.faultPointKills.push(armedAt);
      else if (!killedOnPurpose()) this.unexpectedExits.push(`code ${code} signal ${signal}`);
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
  }

  /** GET /ready: true (200), false (503), or undefined when the process does not answer. */
  async ready(): Promise<boolean | undefined> {
    if (!this.metricsUrl) return undefined;
    try {
      const res = await fetch(`${this.metricsUrl}/ready`, { signal: AbortSignal.timeout(5_000) });
      return res.status === 200;
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9, as a machine failure would. */
  kill9(): void {
    if (!this.child) return;
    (this.child as ChildProcess & { onPurpose?: boolean }).onPurpose = true;
    this.child.kill('SIGKILL');
    this.kills++;
  }

  async waitExit(timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child) return true;
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      child.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    (child as ChildProcess & { onPurpose?: boolean }).onPurpose = true;
    child.kill('SIGTERM');
    if (!(await this.waitExit(30_000))) child.kill('SIGKILL');
  }
}

import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { FAULT_POINTS, type FaultPoint, type KillAt } from './service/fault-points.ts';

/** The repository root: the local stack keeps its state under it unless SEAM_HOME says otherwise. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** A parsed URL, or undefined; zod runs every refinement, even after `.url()` failed. */
const parseUrl = (v: string): URL | undefined => (URL.canParse(v) ? new URL(v) : undefined);

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:$/.test(parseUrl(v)?.protocol ?? ''), 'must be a postgres:// URL')
  .refine((v) => (parseUrl(v)?.pathname.length ?? 2) > 1, 'must name a database, e.g. postgres://user@host:5432/seam');

/** The engines the local stack can run; every one serves the Camunda 7 REST API under /engine-rest. */
export const engineKinds = ['camunda', 'operaton'] as const;
export type EngineKind = (typeof engineKinds)[number];

/**
 * Seam's ledger holds engine ids (process instances, executions), so each engine gets its own ledger database
 * by default: switching SEAM_ENGINE never reconciles one engine's shadows against the other.
 */
const defaultDatabaseName: Record<EngineKind, string> = { camunda: 'seam', operaton: 'seam_operaton' };

const httpUrl = z.string().refine((v) => /^https?:$/.test(parseUrl(v)?.protocol ?? ''), 'must be an http:// or https:// URL');

const brokerList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'each broker must be host:port')).min(1, 'needs at least one broker'));

/**
 * Every environment variable Seam reads, with its default. This schema is the single source of truth
 * for configuration: the README's table is printed from it (`seam config`).
 */
export const envSchema = z.object({
  SEAM_ENGINE: z
    .enum(engineKinds)
    .default('camunda')
    .describe('the engine the local stack runs: camunda (Camunda 7.24.0) or operaton (Operaton 1.0.3); also picks the default databases'),
  DATABASE_URL: postgresUrl
    .default('postgres://postgres@127.0.0.1:5432/seam')
    .describe("Seam's own database (created if missing); unset with SEAM_ENGINE=operaton: database seam_operaton"),
  SEAM_ENGINE_PORT: z.coerce.number().int().min(1).max(65535).default(8080).describe("port of the local stack's engine, used by the default CAMUNDA_REST_URL"),
  CAMUNDA_REST_URL: httpUrl
    .default('http://127.0.0.1:8080/engine-rest')
    .describe('Camunda 7 REST API base URL (Camunda 7, Operaton or CIB seven); unset: port SEAM_ENGINE_PORT of 127.0.0.1'),
  CAMUNDA_USER: z.string().min(1).default('demo').describe('engine user for HTTP Basic auth (also the local stack admin)'),
  CAMUNDA_PASSWORD: z.string().min(1).default('demo').describe('password of CAMUNDA_USER'),
  CAMUNDA_TIMEOUT_MS: positiveInt.default(10_000).describe('timeout of one engine REST call, ms'),
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']).describe('comma-separated host:port list'),
  KAFKA_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and dash only')
    .default('seam')
    .describe('Kafka client id'),
  KAFKA_SSL: bool.default(false).describe('connect to Kafka over TLS'),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional().describe('PEM file of the CA that signed the brokers (TLS)'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional().describe('SASL mechanism; unset means no SASL'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SASL user'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SASL password'),
  SEAM_HOME: z.string().min(1).default(path.join(repoRoot, '.seam')).describe('where the local stack keeps data, pid files and logs'),
  SEAM_ENGINE_DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a plain lower-case database name')
    .default('camunda')
    .describe("the local engine's database on the same server as DATABASE_URL; unset with SEAM_ENGINE=operaton: operaton"),
  SEAM_WORKER_ID: z
    .string()
    .regex(/^[A-Za-z0-9._@:-]+$/, 'letters, digits and . _ @ : - only')
    .optional()
    .describe('external-task worker id, stable across restarts when set (default seam-worker@<hostname>:<pid>:<random>, unique per process)'),
  SEAM_WORKER_MAX_TASKS: positiveInt.default(10).describe('tasks one worker process fetches and runs at once'),
  SEAM_WORKER_LOCK_MS: positiveInt.default(30_000).describe('external-task lock duration, ms'),
  SEAM_WORKER_LONG_POLL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5_000)
    .describe(
      'fetch-and-lock long-poll timeout, ms (0 = short polling); a stopping worker lets the fetch in flight return, so keep it below SEAM_SHUTDOWN_GRACE_MS',
    ),
  SEAM_DB_POOL_MAX: positiveInt.default(10).describe("connections of a process's main database pool; the relaxed and worker pools take half each"),
  SEAM_DB_STATEMENT_TIMEOUT_MS: positiveInt.default(30_000).describe('longest a database statement may run (statement_timeout); the client gives up 5 s later'),
  SEAM_SHUTDOWN_GRACE_MS: positiveInt.default(15_000).describe('on SIGTERM, how long in-flight work may finish'),
  SEAM_BRIDGE_MAPPING: z.string().min(1).optional().describe('mapping contract file (default: the bundled application, apps/regulatory-case/mappings.yaml)'),
  SEAM_BRIDGE_CONCURRENCY: positiveInt.default(8).describe('commands one bridge process applies at once'),
  SEAM_BRIDGE_LEASE_MS: positiveInt.default(30_000).describe('lease on a claimed command; must exceed CAMUNDA_TIMEOUT_MS'),
  SEAM_ENGINE_SETTLE_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5_000)
    .describe('after an engine call with an unknown outcome, how long past CAMUNDA_TIMEOUT_MS it may still land; no retry is decided before'),
  SEAM_BRIDGE_POLL_MS: positiveInt.default(500).describe('longest sleep of the projector and command loops between notifications'),
  SEAM_RECONCILE_CRON: z.string().min(1).default('*/5 * * * * *').describe('node-cron schedule (with seconds) of the reconciler'),
  SEAM_RETENTION_CRON: z.string().min(1).default('0 15 3 * * *').describe('node-cron schedule (with seconds) of the retention job in each bridge'),
  SEAM_RETENTION_INBOX_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30)
    .describe('days handled inbox rows are kept (0 = forever); keep longer than the topics retain records'),
  SEAM_RETENTION_COMMAND_DAYS: z.coerce.number().int().min(0).default(30).describe('days terminal commands are kept (0 = forever)'),
  SEAM_RETENTION_SHADOW_DAYS: z.coerce.number().int().min(0).default(30).describe('days ended waits (CLOSED, EXPIRED) are kept (0 = forever)'),
  SEAM_RETENTION_LATE_EVENT_DAYS: z.coerce.number().int().min(0).default(90).describe('days late-event records are kept (0 = forever)'),
  SEAM_RETENTION_OPERATOR_ACTION_DAYS: z.coerce.number().int().min(0).default(365).describe('days operator actions are kept (0 = forever)'),
  SEAM_METRICS_HOST: z.string().min(1).default('127.0.0.1').describe('address of the /metrics, /health and /ready server'),
  SEAM_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464).describe('port of that server (0 = any free port)'),
  SEAM_FAULT_KILL_AT: z
    .string()
    .regex(new RegExp(`^(${FAULT_POINTS.join('|')}):[1-9]\\d*$`), `<point>:<n>, the point one of ${FAULT_POINTS.join(', ')}`)
    .optional()
    .describe('testing only (chaos suite): SIGKILL this process the n-th time it reaches a named fault point (platform/service/fault-points.ts)'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('lowest level written to the JSON log'),
});

/** Rules between variables, checked on the raw values so they are reported even when others are bad too. */
function crossFieldProblems(raw: Record<string, string>): string[] {
  const problems: string[] = [];
  if (raw.KAFKA_SASL_MECHANISM) {
    for (const key of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
      if (!raw[key]) problems.push(`${key}: is required when KAFKA_SASL_MECHANISM is set`);
    }
  }
  if (raw.SEAM_BRIDGE_LEASE_MS && Number(raw.SEAM_BRIDGE_LEASE_MS) <= Number(raw.CAMUNDA_TIMEOUT_MS ?? 10_000)) {
    problems.push('SEAM_BRIDGE_LEASE_MS: must be longer than CAMUNDA_TIMEOUT_MS, or a lease could expire while its engine call is still running');
  }
  if (raw.KAFKA_SSL_CA_FILE && !['true', '1', 'yes'].includes(raw.KAFKA_SSL ?? '')) {
    problems.push('KAFKA_SSL: must be true when KAFKA_SSL_CA_FILE is set');
  }
  return problems;
}

export type Env = z.infer<typeof envSchema>;

/** Seam's configuration, grouped by the part that uses it. */
export interface Config {
  databaseUrl: string;
  db: { poolMax: number; statementTimeoutMs: number };
  engine: { kind: EngineKind; restUrl: string; user: string; password: string; timeoutMs: number; databaseName: string };
  kafka: {
    brokers: string[];
    clientId: string;
    ssl: boolean;
    sslCaFile?: string;
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  };
  home: string;
  logLevel: Env['LOG_LEVEL'];
  workers: { workerId: string; maxTasks: number; lockMs: number; longPollMs: number };
  bridge: { mappingFile?: string; concurrency: number; leaseMs: number; pollMs: number; reconcileCron: string; instanceId: string; settleGraceMs: number };
  shutdownGraceMs: number;
  retention: { cron: string; days: { inbox: number; commands: number; shadows: number; lateEvents: number; operatorActions: number } };
  /** Testing only: the named fault point at which the process kills itself (the chaos suite). */
  killAt?: KillAt;
  metrics: { host: string; port: number };
}

/** A value with any URL password (`scheme://user:secret@host`) replaced by `***`, for messages and logs. */
export function redactSecrets(text: string): string {
  return text.replace(/(\/\/[^/?#@\s]*?:)[^@\s]*@/g, '$1***@');
}

/** Thrown when the environment is invalid; its message lists every bad variable, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the whole environment at once; unset or empty variables take their defaults. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = envSchema.safeParse(relevant);
  const problems = crossFieldProblems(relevant);
  if (!parsed.success) {
    problems.unshift(
      ...parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        // Secrets are never echoed back; other values are, so the operator sees what was wrong.
        const shown = /PASSWORD/.test(variable) || relevant[variable] === undefined ? '' : ` (got "${redactSecrets(relevant[variable])}")`;
        return `${variable}: ${issue.message}${shown}`;
      }),
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  return {
    databaseUrl: relevant.DATABASE_URL ? env.DATABASE_URL : `postgres://postgres@127.0.0.1:5432/${defaultDatabaseName[env.SEAM_ENGINE]}`,
    db: { poolMax: env.SEAM_DB_POOL_MAX, statementTimeoutMs: env.SEAM_DB_STATEMENT_TIMEOUT_MS },
    engine: {
      kind: env.SEAM_ENGINE,
      restUrl: (relevant.CAMUNDA_REST_URL ? env.CAMUNDA_REST_URL : `http://127.0.0.1:${env.SEAM_ENGINE_PORT}/engine-rest`).replace(/\/+$/, ''),
      user: env.CAMUNDA_USER,
      password: env.CAMUNDA_PASSWORD,
      timeoutMs: env.CAMUNDA_TIMEOUT_MS,
      databaseName: relevant.SEAM_ENGINE_DB_NAME ? env.SEAM_ENGINE_DB_NAME : env.SEAM_ENGINE,
    },
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: env.KAFKA_CLIENT_ID,
      ssl: env.KAFKA_SSL,
      ...(env.KAFKA_SSL_CA_FILE ? { sslCaFile: env.KAFKA_SSL_CA_FILE } : {}),
      ...(env.KAFKA_SASL_MECHANISM
        ? { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME!, password: env.KAFKA_SASL_PASSWORD! } }
        : {}),
    },
    home: path.resolve(env.SEAM_HOME),
    logLevel: env.LOG_LEVEL,
    workers: {
      // Unique per process by default: the engine unlocks a stopping worker's tasks by worker id, which
      // must then not be its peers' on the same host.
      workerId: env.SEAM_WORKER_ID ?? `seam-worker@${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      maxTasks: env.SEAM_WORKER_MAX_TASKS,
      lockMs: env.SEAM_WORKER_LOCK_MS,
      longPollMs: env.SEAM_WORKER_LONG_POLL_MS,
    },
    bridge: {
      ...(env.SEAM_BRIDGE_MAPPING ? { mappingFile: path.resolve(env.SEAM_BRIDGE_MAPPING) } : {}),
      concurrency: env.SEAM_BRIDGE_CONCURRENCY,
      leaseMs: env.SEAM_BRIDGE_LEASE_MS,
      pollMs: env.SEAM_BRIDGE_POLL_MS,
      settleGraceMs: env.SEAM_ENGINE_SETTLE_GRACE_MS,
      reconcileCron: env.SEAM_RECONCILE_CRON,
      // Lease holders are processes, so the id names this one.
      instanceId: `seam-bridge@${hostname()}:${process.pid}`,
    },
    shutdownGraceMs: env.SEAM_SHUTDOWN_GRACE_MS,
    retention: {
      cron: env.SEAM_RETENTION_CRON,
      days: {
        inbox: env.SEAM_RETENTION_INBOX_DAYS,
        commands: env.SEAM_RETENTION_COMMAND_DAYS,
        shadows: env.SEAM_RETENTION_SHADOW_DAYS,
        lateEvents: env.SEAM_RETENTION_LATE_EVENT_DAYS,
        operatorActions: env.SEAM_RETENTION_OPERATOR_ACTION_DAYS,
      },
    },
    ...(env.SEAM_FAULT_KILL_AT ? { killAt: parseKillAt(env.SEAM_FAULT_KILL_AT) } : {}),
    metrics: { host: env.SEAM_METRICS_HOST, port: env.SEAM_METRICS_PORT },
  };
}

/** `<point>:<n>`, already checked by the schema. */
function parseKillAt(value: string): KillAt {
  const [point, at] = value.split(':');
  return { point: point as FaultPoint, at: Number(at) };
}

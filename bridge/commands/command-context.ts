import type { Pool } from '../../platform/db/pool.ts';
import type { EngineClient } from '../../platform/engine/client.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import type { BridgeMetrics } from '../bridge-metrics.ts';
import type { CommandRow } from '../../ledger/commands/command-row.ts';
import type { LedgerBatches } from './ledger-batches.ts';

export interface CommandSettings {
  workerId: string;
  leaseMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** "Shadow OPEN, engine: no match" answers tolerated (short retries) before reconciling against the engine. */
  noMatchRetries: number;
  /** CAMUNDA_TIMEOUT_MS: how long one engine call may take before its outcome is unknown. */
  engineTimeoutMs: number;
  /** How long past that timeout an unknown call may still land; "not applied" is not decided before. */
  settleGraceMs: number;
}

/** Test-only fault injection: lets a test abandon a command right after the engine applied it, as a crash would. */
export interface CommandFaults {
  afterEngineCall?: (command: CommandRow) => 'abandon' | void;
}

export interface CommandContext {
  db: Pool;
  /** Sessions that commit without waiting for the WAL flush: claims and completions only (see createPool). */
  relaxedDb: Pool;
  /** The start guard and completion, shared by the commands that reach them together (ledger-batches.ts). */
  batches: LedgerBatches;
  engine: EngineClient;
  log: Logger;
  metrics: BridgeMetrics;
  settings: CommandSettings;
  faults?: CommandFaults;
}

/** The command was left in PROCESSING on purpose (test fault injection); its lease will expire. */
export class AbandonedError extends Error {
  override name = 'AbandonedError';
}

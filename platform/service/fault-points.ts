import type { Logger } from '../observability/logger.ts';

/**
 * The moments where a crash hurts most, named so the chaos suite can kill `seam run` exactly there
 * (`SEAM_FAULT_KILL_AT=<point>:<n>`: SIGKILL at the n-th time the point is reached):
 * - `before-engine-call`: the ledger says the engine is being called; nothing was sent yet;
 * - `after-engine-call`: the engine applied the call; the ledger does not know yet;
 * - `after-inbox-commit`: a Kafka batch is stored; its offset is not committed yet;
 * - `after-shadow-insert`: a wait is recorded OPENING; its hook task is not completed yet;
 * - `after-task-complete`: the engine took a task's completion (a hook's: it waits now); nothing after it ran.
 */
export const FAULT_POINTS = ['before-engine-call', 'after-engine-call', 'after-inbox-commit', 'after-shadow-insert', 'after-task-complete'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export interface KillAt {
  point: FaultPoint;
  /** Counted from 1: the n-th time the point is reached. */
  at: number;
}

// One per process: set once by `seam run` from its config, never in production, a no-op when unset.
let armed: (KillAt & { reached: number; log: Logger }) | null = null;

export function armKillAt(killAt: KillAt, log: Logger): void {
  armed = { ...killAt, reached: 0, log };
}

/** Marks that the process stands at `point`; dies like a crash (no cleanup, no flush) when armed for it. */
export function faultPoint(point: FaultPoint): void {
  if (armed?.point !== point || ++armed.reached !== armed.at) return;
  armed.log.warn({ event: 'fault_point_kill', point, reached: armed.reached }, 'fault point reached: SIGKILL');
  process.kill(process.pid, 'SIGKILL');
}

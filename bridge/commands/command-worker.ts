import { WakeSignal } from '../../platform/service/wake-signal.ts';
import type { CommandContext } from './command-context.ts';
import { AbandonedError } from './command-context.ts';
import { LeaseLostError, leaseOf, type CommandRow } from '../../ledger/commands/command-row.ts';
import { releaseCommand } from '../../ledger/commands/release.ts';
import { applyCommand } from './apply-command.ts';
import { claimDueCommands } from '../../ledger/commands/claim.ts';
import { logFields, retry } from './transitions.ts';
import { msUntilNextDue } from '../../ledger/commands/next-due.ts';

export interface CommandWorker {
  /** Wakes the loop now (a notification said there is work). */
  wake(): void;
  /** Stops claiming and waits for the commands in hand, up to `graceMs`. */
  stop(graceMs: number): Promise<{ unfinished: number }>;
}

/**
 * Claims due commands (up to `concurrency` in hand) and applies them. Sleeps until the next command is due,
 * a notification arrives, or `pollMs` passes — so a woken buffered command is applied within milliseconds.
 */
export function startCommandWorker(ctx: CommandContext, options: { concurrency: number; pollMs: number }): CommandWorker {
  const signal = new WakeSignal();
  const inHand = new Set<Promise<void>>();
  let running = true;

  const handle = async (c: CommandRow): Promise<void> => {
    try {
      await applyCommand(ctx, c);
    } catch (err) {
      if (err instanceof LeaseLostError) {
        ctx.log.warn({ event: 'command_lease_lost', ...logFields(c) }, 'lease lost; another worker or the reconciler owns the command now');
      } else if (err instanceof AbandonedError) {
        ctx.log.warn({ event: 'command_abandoned', ...logFields(c) }, 'command abandoned after the engine call (fault injection)');
      } else {
        // An unexpected error (database hiccup, bug): count it as a failed attempt with backoff.
        ctx.log.error({ event: 'command_failed', ...logFields(c), error: (err as Error).message }, 'command failed unexpectedly');
        await retry(ctx, c, 'INTERNAL_ERROR', (err as Error).message).catch(() => undefined);
      }
    }
  };

  const nextDueInMs = () => msUntilNextDue(ctx.db);

  // Claimed commands waiting for a free slot. Claiming ahead keeps every slot busy: one claim round trip
  // per command would otherwise become the bottleneck when the database is loaded. Their leases run
  // meanwhile, which the lease length (far above one engine call) allows for.
  const ready: CommandRow[] = [];
  const startReady = () => {
    while (ready.length > 0 && inHand.size < options.concurrency) {
      const c = ready.shift()!;
      const work = handle(c).finally(() => {
        inHand.delete(work);
        startReady();
        signal.wake();
      });
      inHand.add(work);
    }
  };

  const loop = async (): Promise<void> => {
    while (running) {
      try {
        const room = 2 * options.concurrency - inHand.size - ready.length;
        // A claim lost in a database crash only means the command is offered again: no need to wait for the flush.
        const claimed = room >= options.concurrency / 2 ? await claimDueCommands(ctx.relaxedDb, ctx.settings.workerId, room, ctx.settings.leaseMs) : [];
        ready.push(...claimed);
        startReady();
        if (claimed.length > 0) continue;
        const dueIn = room >= options.concurrency / 2 ? await nextDueInMs() : options.pollMs;
        await signal.wait(Math.max(0, Math.min(options.pollMs, dueIn)));
      } catch (err) {
        ctx.log.error({ event: 'command_claim_failed', error: (err as Error).message }, 'could not claim commands; retrying');
        await signal.wait(options.pollMs);
      }
    }
  };
  const looping = loop();

  return {
    wake: () => signal.wake(),
    async stop(graceMs) {
      running = false;
      signal.wake();
      await looping;
      // Claimed but not started: hand them back at once rather than letting their leases run out.
      for (const c of ready.splice(0)) await releaseCommand(ctx.db, leaseOf(c), 'SHUTDOWN', 'released unstarted at shutdown').catch(() => undefined);
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inHand]), deadline]);
      return { unfinished: inHand.size };
    },
  };
}

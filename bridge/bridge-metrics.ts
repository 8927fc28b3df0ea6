import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Pool } from '../platform/db/pool.ts';
import { countCommandsInStatus, oldestUnappliedAgeSeconds } from '../ledger/read-models/command-gauges.ts';
import type { CommandStatus } from '../ledger/states.ts';

export interface BridgeMetrics {
  consumed: Counter<'topic'>;
  rejected: Counter<'reason'>;
  duplicates: Counter;
  consumerLag: Gauge<'topic' | 'partition'>;
  projected: Counter<'outcome'>;
  outcomes: Counter<'command_type' | 'status' | 'code'>;
  correlationDuration: Histogram<'command_type'>;
  noMatch: Counter;
  multipleMatch: Counter;
  reconciled: Counter<'outcome'>;
  endToEnd: Histogram<'command_type'>;
}

/**
 * The bridge's Prometheus metrics. Queue depths are read from the ledger at scrape time (so every bridge
 * process reports the same truth); rates and durations are counted in-process.
 */
export function createBridgeMetrics(registry: Registry, db: Pool): BridgeMetrics {
  const statusGauge = (name: string, help: string, status: CommandStatus) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await countCommandsInStatus(db, status));
      },
    });
  statusGauge('process_correlation_command_pending_total', 'Commands waiting to be applied (PENDING)', 'PENDING');
  statusGauge('process_correlation_command_retry_pending_total', 'Commands waiting for a retry (RETRY_PENDING)', 'RETRY_PENDING');
  statusGauge('process_correlation_command_processing_total', 'Commands held by a worker now (PROCESSING)', 'PROCESSING');
  statusGauge('process_correlation_command_completed_total', 'Commands applied (COMPLETED)', 'COMPLETED');
  statusGauge('process_correlation_command_buffered_total', 'Early events waiting for their wait state (BUFFERED)', 'BUFFERED');
  statusGauge('process_correlation_command_quarantined_total', 'Commands an operator must look at (QUARANTINED)', 'QUARANTINED');
  statusGauge('process_correlation_command_ignored_total', 'Commands deliberately not applied (IGNORED)', 'IGNORED');
  new Gauge({
    name: 'process_correlation_command_oldest_pending_age_seconds',
    help: 'Age of the oldest command that is due and not yet applied',
    registers: [registry],
    async collect() {
      this.set(await oldestUnappliedAgeSeconds(db));
    },
  });
  return {
    consumed: new Counter({
      name: 'seam_bridge_records_consumed_total',
      help: 'Kafka records read into the inbox',
      labelNames: ['topic'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'seam_bridge_records_rejected_total',
      help: 'Records kept as rejected inbox rows, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'seam_bridge_records_duplicate_total',
      help: 'Records whose event id (or offset) the inbox already held',
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'seam_bridge_consumer_lag',
      help: 'Records behind the partition end at the last batch',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    }),
    projected: new Counter({
      name: 'seam_bridge_inbox_projected_total',
      help: 'Inbox rows projected, by outcome (commands, unmapped, quarantined)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    outcomes: new Counter({
      name: 'seam_bridge_command_outcomes_total',
      help: 'Command transitions out of PROCESSING, by status and reason code',
      labelNames: ['command_type', 'status', 'code'],
      registers: [registry],
    }),
    correlationDuration: new Histogram({
      name: 'camunda_message_correlation_duration_seconds',
      help: 'Engine call duration for message correlation and start',
      labelNames: ['command_type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    noMatch: new Counter({ name: 'camunda_message_correlation_no_match_total', help: 'Engine answers: no execution matched', registers: [registry] }),
    multipleMatch: new Counter({
      name: 'camunda_message_correlation_multiple_match_total',
      help: 'Several executions or open waits matched one event',
      registers: [registry],
    }),
    reconciled: new Counter({
      name: 'process_correlation_reconciled_total',
      help: 'Commands and shadows settled by the reconciler, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    endToEnd: new Histogram({
      name: 'seam_bridge_event_to_applied_seconds',
      help: 'From the event entering the inbox to its command being applied in the engine',
      labelNames: ['command_type'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
}

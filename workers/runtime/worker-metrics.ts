import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface WorkerMetrics {
  tasks: Counter<'topic' | 'outcome'>;
  duration: Histogram<'topic'>;
  inFlight: Gauge;
  pollErrors: Counter;
}

export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  return {
    tasks: new Counter({
      name: 'seam_worker_tasks_total',
      help: 'External tasks handled, by topic and outcome (completed, bpmn_error, failed, incident, lost)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'seam_worker_task_duration_seconds',
      help: 'Time from fetching an external task to reporting its outcome to the engine',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    inFlight: new Gauge({ name: 'seam_worker_tasks_in_flight', help: 'External tasks being handled now', registers: [registry] }),
    pollErrors: new Counter({ name: 'seam_worker_poll_errors_total', help: 'Failed fetch-and-lock calls', registers: [registry] }),
  };
}
